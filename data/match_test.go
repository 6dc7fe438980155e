package data

import "testing"

func TestMatchRank(t *testing.T) {
	tests := []struct {
		name                 string
		query                string
		surname, given, rest string
		want                 int
	}{
		{"surname prefix", "gall", "Galli", "Marco", "", 0},
		{"surname contains", "gall", "Fumagalli", "Anna", "", 2},
		{"given-name prefix", "gall", "Rossi", "Gallo", "", 1},
		{"accents folded", "nicco", "Niccolò", "Rossi", "", 0},
		{"second word of a surname", "sant", "De Santis", "Paolo", "", 0},
		{"after an apostrophe", "ange", "D'Angelo", "Rosa", "", 0},
		{"two words, surname first", "ross mar", "Rossi", "Maria", "", 0},
		{"two words, given name first", "mar ross", "Rossi", "Maria", "", 1},
		{"seat or town", "magi", "Bianchi", "Luca", "Magione", 2},
		{"a word found nowhere", "ross pao", "Rossi", "Maria", "", -1},
		{"nothing typed", "", "Rossi", "Maria", "", 2},
		{"upper case typed", "GALL", "Galli", "Marco", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MatchRank(SearchTerms(tt.query), tt.surname, tt.given, tt.rest); got != tt.want {
				t.Errorf("MatchRank(%q, %q, %q, %q) = %d, want %d", tt.query, tt.surname, tt.given, tt.rest, got, tt.want)
			}
		})
	}
}
