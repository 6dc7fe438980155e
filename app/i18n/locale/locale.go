// Package locale chooses Tavoli's language and tells it to the process's locale variables early
// enough for Fyne. Fyne's lang package reads the locale in its package initialisation, before main
// runs, and logs "Fyne error: Error parsing user locale C" under a C.UTF-8 locale (the usual one in
// containers, services and scripts). Go initialises packages in the order of their import paths,
// each after its imports: this package imports only the standard library's os and strings, and its
// path sorts before golang.org/x/text and text/template, which Fyne's lang waits for. So its init
// runs first in every binary that links it, and Fyne finds a language it can parse.
package locale

import (
	"os"
	"strings"
)

func init() {
	os.Setenv("LANGUAGE", Choose(""))
}

// Choose picks the language: $TAVOLI_LANG, else pref (the preference saved for this installation),
// else Italian, whatever the system locale says, a "C" or unset one included.
func Choose(pref string) string {
	for _, c := range []string{os.Getenv("TAVOLI_LANG"), pref} {
		c = strings.ToLower(strings.TrimSpace(c))
		if c == "it" || c == "en" {
			return c
		}
	}
	return "it"
}
