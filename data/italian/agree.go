package italian

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tavoli/tavoli/data"
)

// Agree is the feminine form for a woman and the masculine one otherwise: when the gender is not
// recorded, Italian administrative usage writes the masculine. Documents never write "o/a".
func Agree(g data.Gender, feminine, masculine string) string {
	if g.Feminine() {
		return feminine
	}
	return masculine
}

// Delegate is "delegata" or "delegato".
func Delegate(g data.Gender) string { return Agree(g, "delegata", "delegato") }

// Excused is "assente giustificata" or "assente giustificato".
func Excused(g data.Gender) string { return Agree(g, "assente giustificata", "assente giustificato") }

// President is "la Presidente" or "il Presidente".
func President(g data.Gender) string { return Agree(g, "la Presidente", "il Presidente") }

// Secretary is "segretaria verbalizzante" or "segretario verbalizzante", as in "svolge le funzioni di
// segretaria verbalizzante".
func Secretary(g data.Gender) string {
	return Agree(g, "segretaria verbalizzante", "segretario verbalizzante")
}

// Article is the definite article before a role that agrees with g: "la" or "il".
func Article(g data.Gender) string { return Agree(g, "la", "il") }

// IsMayor reports whether a title names a mayor: "Sindaco", "Sindaca", "sindaco pro tempore"; a
// vice mayor is not one.
func IsMayor(title string) bool {
	f := strings.Fields(data.Fold(title))
	return len(f) > 0 && (f[0] == "sindaco" || f[0] == "sindaca")
}

// Mayor is "la Sindaca" or "il Sindaco": see MayorTitle.
func Mayor(title string, g data.Gender) string {
	if t := MayorTitle(title, g); t == "Sindaca" {
		return "la " + t
	}
	return "il Sindaco"
}

// MayorTitle is "Sindaca" or "Sindaco": feminine when the title says "Sindaca" or the gender is
// feminine, so that the title agrees with every other word the document writes about the person.
func MayorTitle(title string, g data.Gender) string {
	f := strings.Fields(data.Fold(title))
	if g.Feminine() || (len(f) > 0 && f[0] == "sindaca") {
		return "Sindaca"
	}
	return "Sindaco"
}

// MayorOf names a mayor with the role, as prose does: "la Sindaca del Comune di Magione, Federica
// Bellucci". Without a comune it is "la Sindaca Federica Bellucci".
func MayorOf(n data.Naming, comune string) string {
	s := Mayor(n.Title, n.Gender)
	if c := strings.TrimSpace(comune); c != "" {
		s += " del Comune di " + c + ","
	}
	return strings.TrimSpace(s + " " + n.Prose())
}

// Contract joins a preposition to a phrase that starts with a definite article, as Italian writes
// them: ("da", "la Sindaca") is "dalla Sindaca", ("di", "il Sindaco") is "del Sindaco". A phrase
// without an article is only preceded by the preposition.
func Contract(prep, phrase string) string {
	stems := map[string]string{"di": "de", "da": "da", "a": "a", "su": "su", "in": "ne"}
	stem, ok := stems[prep]
	if !ok {
		return prep + " " + phrase
	}
	if rest, ok := strings.CutPrefix(phrase, "l'"); ok {
		return stem + "ll'" + rest
	}
	art, rest, _ := strings.Cut(phrase, " ")
	switch art {
	case "il":
		return stem + "l " + rest
	case "lo", "la", "le":
		return stem + "l" + art + " " + rest
	case "i":
		return stem + "i " + rest
	case "gli":
		return stem + "gli " + rest
	}
	return prep + " " + phrase
}

// Capital is s with its first letter in upper case: "La Presidente" at the head of a signature.
func Capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
