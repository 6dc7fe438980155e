package data_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tavoli/tavoli/data"
)

func TestFold(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"Città", "citta"},
		{"NICCOLÒ", "niccolo"},
		{"Città di Castello", "citta di castello"},
		{"D'Angelo", "d'angelo"},
		{"D’Angelo", "d’angelo"}, // the typographic apostrophe is kept too
		{"perché è così", "perche e cosi"},
		{"Cittá", "citta"},       // acute instead of grave
		{"Citta\u0300", "citta"}, // decomposed: a + combining grave
		{"ÀÈÉÌÒÙ àèéìòù", "aeeiou aeeiou"},
		{"Straße", "straße"}, // ß has no accent to lose
		{"STRAẞE", "straße"}, // capital ß
		{"Łódź", "łodz"},     // ł is a letter, not l with a mark
		{"Ærø", "ærø"},
		{"İstanbul", "istanbul"},
		{"Ἀθῆναι", "αθηναι"},
		{"mario.rossi@asl.it", "mario.rossi@asl.it"},
		{"  spazi  ", "  spazi  "},             // Fold keeps spacing; SearchTerms splits
		{"a\xffb", "a\ufffdb"},                 // invalid UTF-8 becomes the replacement character
		{"\xf5Ò", "\ufffdo"},                   // found by FuzzFold: the letter after a bad byte still loses its accent
		{"Citt\xe0 Città", "citt\ufffd citta"}, // Latin-1 from an old spreadsheet
	}
	for _, tt := range tests {
		if got := data.Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSearchTerms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"   \t", nil},
		{"Rossi", []string{"rossi"}},
		{"  Città  di\tCastello\n", []string{"citta", "di", "castello"}},
		{"D'Angelo NICCOLÒ", []string{"d'angelo", "niccolo"}},
	}
	for _, tt := range tests {
		if got := data.SearchTerms(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("SearchTerms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func TestCompareNames(t *testing.T) {
	c := data.Collator()
	tests := []struct {
		a, b string
		want int
	}{
		{"D'Angelo", "De Santis", -1},
		{"De Santis", "Della Valle", -1},
		{"D'Angelo", "Della Valle", -1},
		{"rossi", "Rossi", 0},
		{"ROSSI", "rossi", 0},
		{"Abate", "Ànzani", -1},
		{"Anzani", "Ànzani", -1}, // the accent decides only between otherwise equal names
		{"Ànzani", "Azzurri", -1},
		{"Ànzani", "Bianchi", -1},
		{"Ànzani", "Zanella", -1}, // byte order would put À after Z
		{"Niccolò", "Nicola", -1},
		{"Òrfei", "Paolini", -1},
		{"Èrcoli", "Esposito", -1},
		{"", "Abate", -1},
	}
	for _, tt := range tests {
		if got := sign(data.CompareNames(c, tt.a, tt.b)); got != tt.want {
			t.Errorf("CompareNames(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := sign(data.CompareNames(c, tt.b, tt.a)); got != -tt.want {
			t.Errorf("CompareNames(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}

func TestCollatorSort(t *testing.T) {
	want := []string{"Abate", "Anzani", "Ànzani", "Azzurri", "Bianchi", "D'Angelo", "De Santis",
		"Della Valle", "Èrcoli", "Esposito", "Niccolò", "Nicola", "Òrfei", "Paolini", "Zanella"}
	got := slices.Clone(want)
	slices.Reverse(got)
	c := data.Collator()
	slices.SortStableFunc(got, func(a, b string) int { return data.CompareNames(c, a, b) })
	if !slices.Equal(got, want) {
		t.Errorf("sorted with Collator() = %q, want %q", got, want)
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Città", "NICCOLÒ", "D'Angelo", "Straße", "STRAẞE", "İ", "ǅ", "\u0345",
		"Citta\u0300", "a\xffb", "\xf5Ò", "\xed\xa0\x80", "Ἀθῆναι", "ﬃ", "Ω", "\u212b", "e\u0301\u0327"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := data.Fold(s)
		if !utf8.ValidString(once) {
			t.Fatalf("Fold(%q) = %q, not valid UTF-8", s, once)
		}
		if twice := data.Fold(once); twice != once {
			t.Fatalf("Fold(Fold(%q)) = %q, want Fold(%q) = %q", s, twice, s, once)
		}
		terms := data.SearchTerms(s)
		if joined := strings.Join(terms, " "); joined != strings.Join(strings.Fields(once), " ") {
			t.Fatalf("SearchTerms(%q) = %q, want the fields of %q", s, terms, once)
		}
	})
}
