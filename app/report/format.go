package report

import (
	"strconv"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
)

var months = [...]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
	"agosto", "settembre", "ottobre", "novembre", "dicembre"}

var weekdays = [...]string{"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"}

// FormatDay writes a day as Italian acts do, in the Ambito's zone: "12 marzo 2027", and "1° marzo
// 2027" for the first of the month. A zero time gives "", so that a document can leave a blank.
func FormatDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(data.Zone)
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day += "°"
	}
	return day + " " + months[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// OfDay writes "del 12 marzo 2027" with the article elided before a vowel: "dell'8 aprile 2027",
// "dell'11 maggio 2027" ("" for a zero time).
func OfDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if d := t.In(data.Zone).Day(); d == 8 || d == 11 {
		return "dell'" + FormatDay(t)
	}
	return "del " + FormatDay(t)
}

// FormatWeekdayDay writes a day with its weekday: "giovedì 12 marzo 2027" ("" for a zero time).
func FormatWeekdayDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return weekdays[t.In(data.Zone).Weekday()] + " " + FormatDay(t)
}

// FormatClock writes a time of day in the Ambito's zone: "15:00" ("" for a zero time). The zone is
// fixed so that a verbale printed on a laptop set to another zone shows the hours of the meeting.
func FormatClock(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(data.Zone).Format("15:04")
}

// formatInt writes a whole number with the Italian thousands separator: 15.150.
func formatInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

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
		return "Votazione " + ofThe(v.BodyName) + " nella seduta " + OfDay(v.Date)
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
