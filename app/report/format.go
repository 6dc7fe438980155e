package report

import (
	"strings"
)

// plural picks the singular or the plural word for n.
func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// andList joins words the Italian way: "proposte, decisioni e azioni".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " e " + words[len(words)-1]
}

// feminine are the first words of body names that take "della": "della Conferenza dei Sindaci".
var feminine = []string{"conferenza", "consulta", "cabina", "commissione", "giunta", "rete", "équipe", "equipe"}

// ofThe joins "di" with the article a body's name needs: "del Tavolo tematico Anziani",
// "dell'Ufficio di Piano", "della Conferenza dei Sindaci". Names are data, so the article cannot
// be written into the sentences.
func ofThe(name string) string {
	name = strings.TrimSpace(name)
	first := ""
	if words := strings.Fields(name); len(words) > 0 {
		first = strings.ToLower(words[0])
	}
	for _, f := range feminine {
		if first == f {
			return "della " + name
		}
	}
	if r := []rune(first); len(r) > 0 && strings.ContainsRune("aeiouàèéìòù", r[0]) {
		return "dell'" + name
	}
	return "del " + name
}
