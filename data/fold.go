package data

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Fold turns text into its search form: lowercase, accents removed ("Città" -> "citta"), so that a
// search matches whatever way people type. SQLite's own lower() and LIKE only fold ASCII.
func Fold(s string) string {
	// Most of what is folded (emails, phone numbers, most names) is ASCII, where the normalisers change
	// nothing: an import folds several fields of every row.
	if isASCII(s) {
		return strings.ToLower(s)
	}
	// Invalid UTF-8 (a Latin-1 spreadsheet) would reach the normaliser as raw bytes, and norm leaves the
	// character after such a byte undecomposed: replace it first so that Fold is idempotent.
	s = strings.ToValidUTF8(s, "\uFFFD")
	// Decompose, drop the marks, compose again. Done in steps rather than with a transform.Chain, which
	// allocates its buffers anew for every string.
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return strings.ToLower(norm.NFC.String(b.String()))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// SearchTerms splits a query into folded words; a record matches when every word occurs in it.
func SearchTerms(q string) []string {
	return strings.Fields(Fold(q))
}

// Collator returns a new Italian collator. A collator is not safe for concurrent use: make one per
// sort.
func Collator() *collate.Collator {
	return collate.New(language.Italian, collate.IgnoreCase)
}

// CompareNames compares two names the Italian way ("D'Angelo" before "De Santis").
func CompareNames(c *collate.Collator, a, b string) int {
	return c.CompareString(a, b)
}
