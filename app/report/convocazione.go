package report

import (
	"strconv"
	"strings"

	"github.com/tavoli/tavoli/data"
)

// Convocazione makes the convocation letter of a session: the Ambito's heading, the call, day, hour
// and place, the numbered ordine del giorno, the signature of who presides and the list of the
// members it is sent to. Missing details (no place, no president) leave a line to fill by hand.
func Convocazione(d data.Dossier) ([]byte, error) {
	doc, err := newDocument(d, docInfo{kind: "Convocazione"})
	if err != nil {
		return nil, err
	}
	s := d.Session
	body := strings.TrimSpace(clean(d.Body.Name))

	// The protocol number and date are written by the office that sends the letter.
	doc.use(stBody, colText)
	doc.line("Prot. n. ____________ del ____________", doc.left, doc.width, stBody.lead, "L")
	doc.space(6)
	for _, l := range doc.wrap("Ai componenti "+ofThe(body)+"\nLoro sedi", doc.width/2, stBody) {
		doc.line(l, doc.left+doc.width/2, doc.width/2, stBody.lead, "L")
	}
	doc.space(8)

	when := orBlank(FormatWeekdayDay(s.Date), 20) + ", ore " + orBlank(FormatClock(s.Date), 6)
	doc.field("Oggetto:", "Convocazione "+ofThe(body)+", "+callLabel(s.Call)+": "+when+".", 20)
	doc.space(5)

	area := ""
	if d.AreaName != "" {
		area = " (area " + d.AreaName + ")"
	}
	doc.paragraphs("Si comunica che la seduta "+ofThe(body)+area+" è convocata in "+callLabel(s.Call)+
		" per "+orBlank(FormatWeekdayDay(s.Date), 20)+", alle ore "+orBlank(FormatClock(s.Date), 6)+
		", presso "+orBlank(s.Place, 30)+", per discutere il seguente", stBody, 0)
	doc.space(3)
	doc.title("ORDINE DEL GIORNO", stSub)
	doc.space(2)
	items := agenda(d)
	for i, it := range items {
		doc.item(strconv.Itoa(i+1)+".", it.Title, stBody, 4)
		doc.space(1)
	}
	if len(items) == 0 {
		doc.paragraphs("L'ordine del giorno sarà comunicato con successiva nota.", stItalic, 4)
	}
	doc.space(4)
	doc.paragraphs(strings.Join(nonEmpty(quorumRule(d.Body.Rules, s.Call),
		"In caso di impedimento si prega di darne tempestiva comunicazione all'Ufficio di Piano, "+
			"indicando l'eventuale delegato."), " "), stBody, 0)
	doc.space(3)
	doc.paragraphs("Distinti saluti.", stBody, 0)
	doc.space(6)
	doc.signatures(signature{presidentLabel(d), d.PresidentName})

	var recipients []data.RegisterLine
	for _, l := range d.Register {
		if member(l) {
			recipients = append(recipients, l)
		}
	}
	if len(recipients) > 0 {
		doc.space(4)
		doc.heading("Destinatari", stSub)
		for i, l := range recipients {
			// A seat held by a delegate is written to as a seat: the letter is for its holder.
			text := who(l)
			if l.Delegated {
				text = l.SeatName
			} else if f := seatOrOrganisation(l); f != "" && l.PersonName != "" {
				text += " – " + f
			}
			doc.item(strconv.Itoa(i+1)+".", text, stBody, 0)
		}
	}
	return doc.output()
}
