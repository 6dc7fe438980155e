package data

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The copy for publication (albo pretorio). The Garante's 2014 guidelines on publishing acts online ask
// that a published verbale names private citizens by their initials, shows no contact details, and
// leaves out the passages that must stay private ("omissis"). The full copy stays as it is.
//
// A passage is marked riservato in the text itself, between ReservedOpen and ReservedClose, so that the
// mark survives wherever the text goes (a bundle, a copy and paste) and can be typed by hand: "Sciarrini
// propone una navetta. [riservato]Ha perso due visite.[/riservato]" (a whole sentence, so that the copy
// still reads as Italian around the omission). The full copy prints
// the passage without the marks; the copy for publication prints Omissis in its place. The marks are
// read whatever their case; an opening mark never closed hides the rest of the text (better too much
// than too little), and a closing mark with no opening one is dropped.

// The marks around a passage riservato, and what a copy for publication prints in its place.
const (
	ReservedOpen  = "[riservato]"
	ReservedClose = "[/riservato]"
	Omissis       = "[omissis]"
)

// reservedMark finds either mark, whatever its case.
var reservedMark = regexp.MustCompile(`(?i)\[/?riservato\]`)

// FullText is s as the full copy prints it: the passages riservati kept, the marks dropped. A text with
// no marks comes back unchanged, byte for byte.
func FullText(s string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	return reservedMark.ReplaceAllString(s, "")
}

// PublicText is s as a copy for publication prints it: each passage riservato replaced by Omissis.
func PublicText(s string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	var b strings.Builder
	depth, at := 0, 0
	for _, m := range reservedMark.FindAllStringIndex(s, -1) {
		if depth == 0 {
			b.WriteString(s[at:m[0]])
		}
		at = m[1]
		if s[m[0]+1] == '/' {
			depth = max(depth-1, 0)
			continue
		}
		if depth == 0 {
			b.WriteString(Omissis)
		}
		depth++
	}
	if depth == 0 {
		b.WriteString(s[at:])
	}
	return b.String()
}

// HasReserved reports whether s marks a passage riservato.
func HasReserved(s string) bool {
	return reservedMark.MatchString(s)
}

// MarkReserved puts the passage of s between the byte offsets from and to between the marks, and
// returns the text with the offset just after the closing mark. Spaces at the ends of the passage stay
// outside it, so that marking a word chosen by a double click keeps the sentence's spacing; an empty
// passage gets the two marks, to type into.
func MarkReserved(s string, from, to int) (string, int) {
	from, to = max(0, min(from, len(s))), max(0, min(to, len(s)))
	if from > to {
		from, to = to, from
	}
	for from < to && s[from] == ' ' {
		from++
	}
	for to > from && s[to-1] == ' ' {
		to--
	}
	out := s[:from] + ReservedOpen + s[from:to] + ReservedClose + s[to:]
	return out, to + len(ReservedOpen) + len(ReservedClose)
}

// Private is a person a copy for publication names by initials only: a private citizen (category
// cittadino) or someone the secretary flagged (Person.PublishInitials).
type Private struct {
	ID string `json:"id"`
	Naming
}

// Initials is a name reduced to its initials, each word's first letter with a full stop, all in the
// surname and surname first, so that a sentence and a list write them alike: Anna Maria Lombardi is
// "L. A. M."; "D'Angelo" gives "D."; "De Santis" gives "D. S.". Gender and title stay, for the words
// that agree with them.
func (n Naming) Initials() Naming {
	// One order wherever the initials stand, as the register lists people ("C. G." for Giuseppina
	// Conti): written in two orders, one person reads as two.
	n.Name, n.Surname = "", strings.TrimSpace(initials(n.Surname)+" "+initials(n.Name))
	return n
}

// initials is "A. M." for "Anna Maria": the first letter of every word, hyphenated ones included.
func initials(s string) string {
	var parts []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '-' }) {
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				parts = append(parts, string(unicode.ToUpper(r))+".")
				break
			}
		}
	}
	return strings.Join(parts, " ")
}

// Redaction makes a copy for publication of texts: passages riservati become Omissis, e-mail addresses
// and telephone numbers become Omissis, and the private people's names become their initials, written
// in either order ("Adriano Sciarrini", "Sciarrini Adriano"), whatever the case and the accents. The
// surname alone ("Sciarrini, cittadino di Magione, …") is reduced only for the people named as near:
// those the document itself lists, for a common surname elsewhere is too often someone else.
type Redaction struct {
	byID map[string]Naming
	// people are the names by their first word, the longest first, so that "Anna Maria Rossi" goes
	// before "Maria Rossi"; a text is read once, whatever the number of people.
	people map[string][]redacted
}

// redacted is one private person's name as the text is searched for it: folded words, and the initials
// to write instead.
type redacted struct {
	words        []string
	with         string
	surnameAlone bool // words is the surname alone: matched only where capitalised
}

// NewRedaction prepares the redaction of texts for the private people; near are the ids of those whose
// surname alone is reduced too.
func NewRedaction(private []Private, near ...string) *Redaction {
	r := &Redaction{byID: map[string]Naming{}, people: map[string][]redacted{}}
	isNear := map[string]bool{}
	for _, id := range near {
		isNear[id] = true
	}
	for _, p := range private {
		r.byID[p.ID] = p.Naming
		in := p.Initials()
		name, surname := nameWords(p.Name), nameWords(p.Surname)
		if len(surname) == 0 {
			continue
		}
		if len(name) > 0 {
			r.add(redacted{words: append(append([]string{}, name...), surname...), with: in.Prose()})
			r.add(redacted{words: append(append([]string{}, surname...), name...), with: in.Listed()})
		}
		if isNear[p.ID] {
			r.add(redacted{words: surname, with: initials(p.Surname), surnameAlone: true})
		}
	}
	for _, ps := range r.people {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].words) > len(ps[j].words) })
	}
	return r
}

func (r *Redaction) add(p redacted) {
	r.people[p.words[0]] = append(r.people[p.words[0]], p)
}

// Person is the initials of the private person with this id, and whether there is one: anyone else is
// named as they are.
func (r *Redaction) Person(id string) (Naming, bool) {
	n, ok := r.byID[id]
	if !ok || id == "" {
		return Naming{}, false
	}
	return n.Initials(), true
}

// Text is s as a copy for publication prints it (see Redaction).
func (r *Redaction) Text(s string) string {
	if strings.TrimSpace(s) == "" {
		return s
	}
	return r.names(Contacts(PublicText(s)))
}

// contact finds e-mail addresses and telephone numbers written in a text: an Italian number of 9 to 12
// digits starting with 0 (a landline) or 3 (a mobile), with or without +39, the digits grouped by
// spaces, dots, dashes or a slash. Shorter numbers (a protocol, an amount, a year) are left alone.
var contact = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}|(?:(?:\+|00)39[ .\-]?)?[03]\d(?:[ .\-/]?\d){7,10}`)

// Contacts replaces the e-mail addresses and telephone numbers in s by Omissis.
func Contacts(s string) string {
	ms := contact.FindAllStringIndex(s, -1)
	if len(ms) == 0 {
		return s
	}
	var b strings.Builder
	at := 0
	for _, m := range ms {
		// A number that goes on (a longer code, an IBAN) is not a telephone number.
		if !strings.Contains(s[m[0]:m[1]], "@") && (wordBefore(s, m[0]) || wordAfter(s, m[1])) {
			continue
		}
		b.WriteString(s[at:m[0]])
		b.WriteString(Omissis)
		at = m[1]
	}
	b.WriteString(s[at:])
	return b.String()
}

func wordBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func wordAfter(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return i < len(s) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// word is a word of a text, by its byte offsets, folded.
type word struct {
	from, to int
	folded   string
}

// textWords splits s into words: letters and digits, with the apostrophes inside a name ("D'Angelo").
func textWords(s string) []word {
	var out []word
	from := -1
	for i, r := range s {
		in := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) ||
			((r == '\'' || r == '’') && from >= 0)
		switch {
		case in && from < 0:
			from = i
		case !in && from >= 0:
			out = append(out, word{from: from, to: i})
			from = -1
		}
	}
	if from >= 0 {
		out = append(out, word{from: from, to: len(s)})
	}
	for i := range out {
		w := strings.TrimRight(s[out[i].from:out[i].to], "'’")
		out[i].to = out[i].from + len(w)
		out[i].folded = foldWord(w)
	}
	return out
}

// nameWords is a name as folded words.
func nameWords(s string) []string {
	var out []string
	for _, w := range textWords(s) {
		out = append(out, w.folded)
	}
	return out
}

func foldWord(w string) string {
	return strings.ReplaceAll(Fold(w), "’", "'")
}

// names writes the private people's names in s as their initials.
func (r *Redaction) names(s string) string {
	if len(r.people) == 0 {
		return s
	}
	ws := textWords(s)
	var b strings.Builder
	at := 0
	for i := 0; i < len(ws); {
		n, with, from := r.match(s, ws, i)
		if n == 0 {
			i++
			continue
		}
		b.WriteString(s[at:from])
		b.WriteString(with)
		at = ws[i+n-1].to
		// The initials end with a full stop: a sentence that ended with the name takes no second one.
		if strings.HasSuffix(with, ".") && strings.HasPrefix(s[at:], ".") && !strings.HasPrefix(s[at:], "...") {
			at++
		}
		i += n
	}
	if at == 0 {
		return s
	}
	b.WriteString(s[at:])
	return b.String()
}

// match is how many words of ws from i are a private person's name, the initials to write instead, and
// the offset in s where the name starts: after the article of an elided first word ("l'Orlandi",
// "dell'Amrani"), at the word otherwise.
func (r *Redaction) match(s string, ws []word, i int) (int, string, int) {
	if n, with := r.matchFrom(s, ws, i, ws[i].folded, ws[i].from); n > 0 {
		return n, with, ws[i].from
	}
	// An elided article before the name: the name is what follows the apostrophe.
	w := s[ws[i].from:ws[i].to]
	if cut := strings.LastIndexAny(w, "'’"); cut >= 0 {
		_, size := utf8.DecodeRuneInString(w[cut:])
		from := ws[i].from + cut + size
		if n, with := r.matchFrom(s, ws, i, foldWord(s[from:ws[i].to]), from); n > 0 {
			return n, with, from
		}
	}
	return 0, "", 0
}

// matchFrom is match with the first word read as first, starting at from.
func (r *Redaction) matchFrom(s string, ws []word, i int, first string, from int) (int, string) {
next:
	for _, p := range r.people[first] {
		if i+len(p.words) > len(ws) {
			continue
		}
		for k := 1; k < len(p.words); k++ {
			// The words of a name follow each other with nothing but spaces between them.
			if ws[i+k].folded != p.words[k] || strings.TrimSpace(s[ws[i+k-1].to:ws[i+k].from]) != "" {
				continue next
			}
		}
		if p.surnameAlone {
			if c, _ := utf8.DecodeRuneInString(s[from:]); !unicode.IsUpper(c) {
				continue
			}
		}
		return len(p.words), p.with
	}
	return 0, ""
}
