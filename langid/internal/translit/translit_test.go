package translit

import "testing"

func TestLatin(t *testing.T) {
	tests := []struct {
		in   string
		sp   Spelling
		want string
	}{
		{"Қазақстан Республикасы", Official2021, "Qazaqstan Respublikasy"},
		{"Қазақстан Республикасы", Acute2018, "Qazaqstan Respýblıkasy"},
		{"Шағын ауыл іші", Official2021, "Şağyn auyl ışı"},
		{"Шағын ауыл іші", Acute2018, "Shaǵyn aýyl ishi"},
		{"Шағын ауыл іші", Plain2021, "Sagyn auyl isi"},
		{"Шағын ауыл іші", Plain2018, "Shagyn ayyl ishi"},
		{"Ерікті ұйым мен үкімет", Official2021, "Erıktı ūiym men ükımet"},
		{"Ерікті ұйым мен үкімет", Acute2018, "Erikti uıym men úkimet"},
		{"Ислам ЖОҚ", Official2021, "İslam JOQ"},
		{"Ислам ЖОҚ", Acute2018, "Islam JOQ"},
		{"ШЫМКЕНТ, 2024 ж.", Acute2018, "SHYMKENT, 2024 j."},
		{"Ұлттық құндылық", Plain2021, "Ulttyq qundylyq"},
		{"Word 42!", Official2021, "Word 42!"},
	}
	for _, tt := range tests {
		if got := Latin(tt.in, tt.sp); got != tt.want {
			t.Errorf("Latin(%q, %v) = %q, want %q", tt.in, tt.sp, got, tt.want)
		}
	}
}

func TestUzbekLatin(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ўзбекистон Республикаси", "Oʻzbekiston Respublikasi"},
		{"ғалаба ва шаҳар", "gʻalaba va shahar"},
		{"Ер юзида эълон", "Yer yuzida eʼlon"},
		{"ЎЗБЕКИСТОН", "OʻZBEKISTON"},
		{"Чорва 2024 й.", "Chorva 2024 y."},
		{"цирк, мўъжиза", "tsirk, moʻʼjiza"},
	}
	for _, tt := range tests {
		if got := UzbekLatin(tt.in); got != tt.want {
			t.Errorf("UzbekLatin(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
