package main

func ablation(td string, dev devPages) {}
