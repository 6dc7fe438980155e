package report

import (
	"strconv"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
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

// toThe is "a" with the article a body's name needs: "al Tavolo tematico Anziani", "alla Conferenza
// dei Sindaci", "all'Assemblea dei Sindaci".
func toThe(name string) string {
	of := ofThe(name)
	for _, p := range [][2]string{{"della ", "alla "}, {"dell'", "all'"}, {"del ", "al "}} {
		if rest, ok := strings.CutPrefix(of, p[0]); ok {
			return p[1] + rest
		}
	}
	return "a " + name
}

// atPlace is "al 3° posto", elided before a number read with a vowel: "all'8° posto", "all'11° posto".
func atPlace(n int) string {
	s := strconv.Itoa(n)
	if s[0] == '8' || n == 11 {
		return "all'" + s + "° posto"
	}
	return "al " + s + "° posto"
}

// Why says why a proposal is in its state: the reason written when it was moved there, or the vote
// that moved it ("Votazione del Tavolo dei Sindaci nella seduta del 12 febbraio 2026"); "" when
// nothing says.
func Why(p data.ProposalView) string {
	if r := strings.TrimSpace(p.Reason); r != "" {
		return r
	}
	if v := p.DecidedBy; v != nil {
		return "Votazione " + ofThe(v.BodyName) + " nella seduta " + italian.OfDay(v.Date)
	}
	return ""
}

// period ends a sentence with a full stop, unless it already ends with one (or with ?, ! or …).
func period(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".?!") || strings.HasSuffix(s, "…") {
		return s
	}
	return s + "."
}

// elided reports whether a day's number is read with a vowel first: the 8th and the 11th ("l'8 aprile").
func elided(t time.Time) bool {
	d := t.In(data.Zone).Day()
	return d == 8 || d == 11
}

// theDay is "il 12 marzo 2027", "l'8 aprile 2027".
func theDay(t time.Time) string {
	if elided(t) {
		return "l'" + italian.Day(t)
	}
	return "il " + italian.Day(t)
}

// fromDay is "dal 12 marzo 2027", "dall'8 aprile 2027".
func fromDay(t time.Time) string {
	if elided(t) {
		return "dall'" + italian.Day(t)
	}
	return "dal " + italian.Day(t)
}

// quote puts a title between guillemets, as Italian prints it; guillemets inside the title become
// quotation marks, so that «Il “dopo di noi” senza risposte» does not read as two quotations.
func quote(s string) string {
	return "«" + strings.NewReplacer("«", "“", "»", "”").Replace(strings.TrimSpace(s)) + "»"
}
