package report

import (
	"strconv"
	"strings"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// walkIns is the least number of blank rows the attendance sheet leaves for people nobody expected.
const walkIns = 10

// Presenze makes the attendance sheet (foglio presenze) people sign as they arrive: a landscape
// table, so the signature column is wide, with the seats and members from the register already
// written, the times already recorded, and blank rows for walk-ins down to the foot of the last page.
func Presenze(d data.Dossier) ([]byte, error) {
	doc, err := newDocument(d, docInfo{
		kind:      "Foglio presenze",
		landscape: true,
	})
	if err != nil {
		return nil, err
	}
	s := d.Session
	// The body is in the page heading; the subtitle says when and where, on one line if it can.
	doc.title("FOGLIO PRESENZE", stTitle)
	doc.use(stSubtitle, colText)
	when := strings.Join(nonEmpty(strings.Join(nonEmpty(italian.WeekdayDay(s.Date), prefixed("ore ", italian.Clock(s.Date))), ", "),
		s.Place, callLabel(s.Call)), " · ")
	for _, l := range doc.wrap(when, doc.width, stSubtitle) {
		doc.line(l, doc.left, doc.width, stSubtitle.lead, "C")
	}
	doc.space(4)

	var rows [][]string
	for i, l := range d.Register {
		seat := seatOrOrganisation(l)
		if l.Delegated {
			seat = strings.TrimSpace(seat + " (delega)")
		}
		sign := ""
		switch {
		case l.Recorded() && l.Presence == data.PresenceGiustificato:
			sign = excusedWord(l)
		case l.Recorded() && l.Presence == data.PresenceAssente:
			sign = "assente"
		}
		category := ""
		if l.PersonName != "" {
			category = italian.Category(l.Category)
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), l.PersonName, seat, category, l.Town,
			italian.Clock(l.Arrived), italian.Clock(l.Left), sign})
	}
	for range walkIns {
		rows = append(rows, []string{strconv.Itoa(len(rows) + 1)})
	}
	doc.table(table{
		cols: []column{
			{"N.", 8, "R"}, {"Nominativo", 44, "L"}, {"Seggio / ente", 56, "L"}, {"Categoria", 22, "L"},
			{"Comune", 34, "L"}, {"Ora arrivo", 13, "C"}, {"Ora uscita", 13, "C"}, {"Firma", 61, "C"},
		},
		rowHeight: 8.5, // room to sign by hand
		zebra:     true,
		fill:      func(i int) []string { return []string{strconv.Itoa(i + 1)} },
		reserve:   40, // the note and the signature below
	}, rows)

	doc.space(3)
	doc.paragraphs(attendanceNotice(d.Ambito.Notice(d.Capofila)), stNote, 0)
	doc.signLine(secretaryLabel(d), d.SecretaryName)
	return doc.output()
}
