package report

import (
	"strconv"
	"strings"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// fateGroup is a part of the Esito delle proposte: the proposals whose state is one of states.
type fateGroup struct {
	title     string
	states    []data.ProposalState
	one, many string // the count's words: "1 respinta", "3 respinte"
	// note is said once for the whole group, instead of a sentence under each proposal.
	note string
}

// fateGroups are the parts of the Esito, from what went furthest to what is still being weighed.
var fateGroups = []fateGroup{
	{"Proposte approvate", []data.ProposalState{data.StateApprovata, data.StateInAttuazione, data.StateRealizzata},
		"approvata", "approvate", ""},
	{"Proposte nel percorso di validazione", []data.ProposalState{data.StatePrioritaria, data.StateValidata},
		"nel percorso di validazione", "nel percorso di validazione", ""},
	{"Proposte accorpate ad altre", []data.ProposalState{data.StateAccorpata}, "accorpata ad altre", "accorpate ad altre", ""},
	{"Proposte respinte", []data.ProposalState{data.StateRespinta}, "respinta", "respinte", ""},
	{"Proposte ancora in valutazione", []data.ProposalState{data.StateProposta, data.StateInValutazione},
		"ancora in valutazione", "ancora in valutazione",
		"Sono all'esame dell'Ufficio di Piano, che ne riferirà l'esito al tavolo."},
}

// Esito makes the Esito delle proposte of a table: for each proposal made in its sessions, what became
// of it and why, for the facilitator to read back to the table. It is a pure function of a: the date it
// carries is a.Changed.
func Esito(a data.TableAnswer) ([]byte, error) {
	body := strings.TrimSpace(a.Body.Name)
	m := masthead{ambito: a.Ambito, capofila: a.Capofila, body: body, area: a.AreaName, date: a.Changed}
	m.day = prefixed("aggiornato ", toDay(a.Changed))
	doc, err := startDocument(m, docInfo{kind: "Esito delle proposte"})
	if err != nil {
		return nil, err
	}
	doc.title("ESITO DELLE PROPOSTE "+strings.ToUpper(ofThe(body)), stTitle)
	doc.space(4)
	n := len(a.Proposals)
	intro := "L'Ufficio di Piano riferisce " + toThe(body) + " che cosa è stato delle proposte " +
		"formulate nelle sue sedute e perché, " + orText(toDay(a.Changed), "alla data odierna") + "."
	if n == 0 {
		doc.paragraphs(intro+"\nNelle sedute "+ofThe(body)+" non è stata ancora formulata alcuna proposta.", stBody, 0)
		closeEsito(doc, a)
		return doc.output()
	}
	var counts []string
	groups := make([][]data.ProposalFate, len(fateGroups))
	for i, g := range fateGroups {
		for _, p := range a.Proposals {
			for _, st := range g.states {
				if p.State == st {
					groups[i] = append(groups[i], p)
				}
			}
		}
		switch k := len(groups[i]); k {
		case 0:
		case 1:
			counts = append(counts, "1 "+g.one)
		default:
			counts = append(counts, count(k)+" "+g.many)
		}
	}
	total := "Le proposte sono " + count(n) + ": " + andList(counts) + "."
	if n == 1 {
		total = "La proposta è una sola, " + andList(counts) + "."
	}
	doc.paragraphs(intro+"\n"+total, stBody, 0)
	last := -1 // the last group printed: its last proposal shares a page with the signature
	for i := range groups {
		if len(groups[i]) > 0 {
			last = i
		}
	}
	number := 0
	for i, g := range fateGroups {
		if len(groups[i]) == 0 {
			continue
		}
		number++
		doc.heading(strconv.Itoa(number)+". "+g.title+" ("+count(len(groups[i]))+")", stHeading)
		if g.note != "" {
			doc.paragraphs(g.note, stBody, 0)
			doc.space(1.5)
		}
		for j, p := range groups[i] {
			title := strings.TrimSpace(p.Title)
			var sentence string
			switch {
			case g.note == "":
				sentence = fateSentence(a.Bodies, p)
			case strings.TrimSpace(p.Reason) != "":
				// Back under examination with a reason: out of the priority list, or a step undone.
				sentence = "Nota dell'Ufficio di Piano: " + period(p.Reason)
			}
			if i == last && j == len(groups[i])-1 {
				doc.keepWithSignature(doc.itemHeight(title, stBold, 2) + doc.textHeight(fateOrigin(p), stNote, 10) +
					doc.textHeight(sentence, stBody, 10) + 1.5)
			}
			doc.need(3 * stBody.lead)
			doc.item(strconv.Itoa(j+1)+".", title, stBold, 2)
			doc.paragraphs(fateOrigin(p), stNote, 10)
			doc.paragraphs(sentence, stBody, 10)
			doc.space(1.5)
		}
	}
	closeEsito(doc, a)
	return doc.output()
}

// closeEsito signs the Esito for the Ufficio di Piano.
func closeEsito(doc *document, a data.TableAnswer) {
	doc.space(closingSpace)
	doc.signatures(signature{italian.Agree(a.ResponsibleGender, "La Responsabile", "Il Responsabile") +
		" dell'Ufficio di Piano", a.Responsible})
}

// fateOrigin says when the proposal was made and what it is: "Seduta del 12 marzo 2026 · ipotesi
// progettuale · proposta da Maria Rossi (ASL Umbria 1)".
func fateOrigin(p data.ProposalFate) string {
	var parts []string
	if !p.SessionDate.IsZero() {
		parts = append(parts, "Seduta "+italian.OfDay(p.SessionDate))
	}
	parts = append(parts, strings.ToLower(italian.Kind(p.Kind)))
	who := strings.TrimSpace(p.ProposerProse)
	if org := strings.TrimSpace(p.OrganisationName); org != "" {
		who = strings.TrimSpace(who + " (" + org + ")")
	}
	if who != "" {
		parts = append(parts, "proposta da "+who)
	}
	return strings.Join(parts, " · ")
}

// fateSentence says what became of a proposal and why, in the words the table will hear: the vote
// that decided it, and the reason written when it was moved.
func fateSentence(bodies []data.Body, p data.ProposalFate) string {
	reason := strings.TrimSpace(p.Reason)
	line := ""
	if reason != "" {
		line = "\nMotivo: " + period(reason)
	}
	state := italian.Capital(stateLabel(bodies, p.State))
	if v := p.DecidedBy; v != nil {
		state = italian.Capital(italian.State(p.State)) + " " + byThe(v.BodyName) + " nella seduta " + italian.OfDay(v.Date)
	}
	switch p.State {
	case data.StateAccorpata:
		if p.Into == nil {
			return "Accorpata a un'altra proposta." + line
		}
		into := strings.TrimSpace(p.Into.Title)
		s := "Accorpata nella proposta " + quote(into) + ", che oggi è " + stateLabel(bodies, p.Into.State)
		if p.Into.Priority > 0 && p.Into.State != data.StateRespinta {
			s += " (" + atPlace(p.Into.Priority) + " tra le priorità)"
		}
		s += "."
		if r := Why(*p.Into); p.Into.State == data.StateRespinta && r != "" {
			s += " È stata respinta con questo motivo: " + period(r)
		}
		if strings.Contains(reason, into) {
			line = "" // the reason only names where it went, already said
		}
		return s + line
	case data.StateRespinta:
		if reason == "" && p.DecidedBy == nil {
			return "Respinta. Il motivo non è stato registrato."
		}
		return state + "." + line
	}
	if p.Priority > 0 {
		state += ", " + atPlace(p.Priority) + " tra le priorità dell'Ambito"
	}
	return state + "." + line
}
