package report

import (
	"strings"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// How documents write people (DOMAIN.md, "Writing the record"): words agree with the person's gender,
// the masculine when it is not recorded and never an "o/a" form; prose puts the given name first and
// lists the surname first; a mayor is named with the role; a delegation names who delegated.

// proseName names a person in a sentence, given name first; a mayor holding a comune's seat (seatComune
// not empty) with the role: "la Sindaca del Comune di Magione, Federica Bellucci". For a register line:
// proseName(l.Naming, l.SeatComune).
func proseName(n data.Naming, seatComune string) string {
	if seatComune != "" && italian.IsMayor(n.Title) {
		return italian.MayorOf(n, seatComune)
	}
	return n.Prose()
}

// delegation says whom a delegate stands for: "delegata dal Sindaco del Comune di Magione, Mario
// Rossi (delega prot. n. 123 del 10/02/2026)", "delegato da Giorgio Bartolini per Passignano – Servizi
// sociali", or, when the body names nobody for the seat, "delegato per il Comune di Magione".
func delegation(l data.RegisterLine) string {
	s := italian.Delegate(l.Naming.Gender)
	seat := l.SeatName
	if l.SeatComune != "" && (seat == "" || seat == l.SeatComune) {
		seat = "il Comune di " + l.SeatComune
	}
	switch n := l.Delegator; {
	case n != nil && l.SeatComune != "" && italian.IsMayor(n.Title):
		s += " " + italian.Contract("da", proseName(*n, l.SeatComune)) // the role names the comune
	case n != nil && n.Prose() != "":
		s += " da " + proseName(*n, "")
		if seat != "" && seat != n.Listed() && seat != n.Prose() {
			s += " per " + seat
		}
	case seat != "":
		s += " per " + seat
	}
	if act := strings.TrimSpace(l.DelegationAct); act != "" {
		s += " (" + act + ")"
	}
	return s
}

// officersSentence is the verbale's statement of who presides and who takes the minutes: "Presiede
// la seduta la Presidente Federica Bellucci. Svolge le funzioni di segretario verbalizzante Paolo
// Mariani." A president who is a mayor holding a comune's seat says so. A name not recorded leaves a
// line to fill, without a word that would guess the gender.
func officersSentence(d data.Dossier) string {
	president := orBlank("", 30)
	if name := d.President.Prose(); name != "" {
		president = italian.President(d.President.Gender) + " " + name
		if c := officerComune(d, d.Session.PresidentID); c != "" && italian.IsMayor(d.President.Title) {
			president += ", " + italian.MayorTitle(d.President.Title, d.President.Gender) + " del Comune di " + c
		}
	} else if d.PresidentName != "" {
		president = d.PresidentName
	}
	secretary := "segretario verbalizzante " + orBlank(d.SecretaryName, 30)
	if name := d.Secretary.Prose(); name != "" {
		secretary = italian.Secretary(d.Secretary.Gender) + " " + name
	}
	return "Presiede la seduta " + president + ". Svolge le funzioni di " + secretary + "."
}

// officerComune is the comune whose seat the person holds in the session's register, "" when none.
func officerComune(d data.Dossier, personID string) string {
	if personID == "" {
		return ""
	}
	for _, l := range d.Register {
		if l.PersonID == personID && l.SeatComune != "" && !l.Delegated {
			return l.SeatComune
		}
	}
	return ""
}

// presidentLabel heads the president's signature: "La Presidente" or "Il Presidente".
func presidentLabel(d data.Dossier) string {
	return italian.Capital(italian.President(d.President.Gender))
}

// secretaryLabel heads the secretary's signature: "La Segretaria verbalizzante" or "Il Segretario
// verbalizzante".
func secretaryLabel(d data.Dossier) string {
	g := d.Secretary.Gender
	return italian.Capital(italian.Article(g)) + " " + italian.Capital(italian.Secretary(g))
}

// excusedWord is what the attendance sheet writes for someone excused: "assente giustificata".
func excusedWord(l data.RegisterLine) string { return italian.Excused(l.Naming.Gender) }

// proposerProse is who made a proposal as a sentence names them, given name first: "proposta da Maria
// Rossi"; the list form when the prose one is not known.
func proposerProse(p data.ProposalView) string {
	if p.ProposerProse != "" {
		return p.ProposerProse
	}
	return p.ProposerName
}
