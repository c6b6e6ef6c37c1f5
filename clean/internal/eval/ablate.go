//go:build !wasm

package main

func ablation(td string, dev devPages) {}
