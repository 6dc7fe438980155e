package data

import "strings"

// MatchRank says how well a person found by a search box matches the words typed, so that the one
// being looked for comes first: 0 when the surname starts with the first word, 1 when the given name
// does, 2 when every word occurs somewhere in the name or in the rest (seat, organisation, town), and
// -1 when some word occurs nowhere. Typing "gall" puts Galli (0) before Fumagalli (2).
func MatchRank(terms []string, surname, given, rest string) int {
	if len(terms) == 0 {
		return 2
	}
	sur, name := Fold(strings.TrimSpace(surname)), Fold(strings.TrimSpace(given))
	all := sur + " " + name + " " + Fold(rest)
	for _, t := range terms {
		if !strings.Contains(all, t) {
			return -1
		}
	}
	switch first := terms[0]; {
	case prefixOfWord(sur, first):
		return 0
	case prefixOfWord(name, first):
		return 1
	}
	return 2
}

// prefixOfWord reports whether one of the words of s starts with t, or s itself ("d'an" in "d'angelo",
// "sant" in "de santis").
func prefixOfWord(s, t string) bool {
	if s == "" {
		return false
	}
	if strings.HasPrefix(s, t) {
		return true
	}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\'' || r == '-' }) {
		if strings.HasPrefix(w, t) {
			return true
		}
	}
	return false
}
