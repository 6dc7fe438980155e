package csvexport

import (
	"io"
	"strconv"
	"strings"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// relazioneHeader names the columns of Relazione: a long table, one figure a row, that a spreadsheet
// filters and pivots.
var relazioneHeader = []string{"Sezione", "Voce", "Dettaglio", "Valore"}

// Relazione writes the figures of a relazione annuale as CSV for a spreadsheet with Italian settings:
// the sessions and people per body, the participants by category and comune, each priority's attuazione
// (state, progress, dates, money by source, indicators), the money by source, the actions and the
// validation rounds. Numbers have a decimal comma and no thousands separator, so that a spreadsheet set
// up for Italy reads them as numbers; money is in euro.
func Relazione(w io.Writer, r data.Relazione) error {
	cw, err := writer(w)
	if err != nil {
		return err
	}
	var rows [][]string
	add := func(section, item, detail, value string) {
		rows = append(rows, []string{section, item, detail, value})
	}
	n := func(i int) string { return strconv.Itoa(i) }
	p := r.Participation
	for _, b := range p.Bodies {
		add("Sedute", b.Name, "sedute", n(b.Meetings))
		add("Sedute", b.Name, "persone", n(b.People))
		add("Sedute", b.Name, "presenze", n(b.Presences))
	}
	add("Sedute", "Totale", "sedute", n(p.Meetings))
	add("Sedute", "Totale", "persone", n(p.People))
	add("Sedute", "Totale", "presenze", n(p.Presences))
	for _, c := range p.Categories {
		label := "Categoria non indicata"
		if c.Key != "" {
			label = italian.Category(data.Category(c.Key))
		}
		add("Partecipanti per categoria", label, "persone", n(c.N))
	}
	for _, c := range p.Comuni {
		label := c.Label
		if label == "" {
			label = "Altro comune o non indicato"
		}
		add("Partecipanti per comune", label, "persone", n(c.N))
	}
	for _, a := range r.Areas {
		for _, im := range a.Priorities {
			item := strings.TrimSpace(im.Proposal.Title)
			if im.Proposal.Priority > 0 {
				item = strconv.Itoa(im.Proposal.Priority) + ". " + item
			}
			add("Priorità", item, "area", a.Area.Name)
			add("Priorità", item, "stato", italian.State(im.Proposal.State))
			if im.ID == "" {
				add("Priorità", item, "attuazione", "da avviare")
				continue
			}
			add("Priorità", item, "responsabile", im.ResponsibleName)
			add("Priorità", item, "avanzamento %", n(im.Progress))
			add("Priorità", item, "inizio", italian.Date(im.Start))
			add("Priorità", item, "fine", italian.Date(im.End))
			add("Priorità", item, "in ritardo", yes(im.Late))
			for _, b := range im.Budget {
				add("Priorità", item, "previste "+italian.Source(b.Source)+" (euro)", euro(b.Planned))
				add("Priorità", item, "spese "+italian.Source(b.Source)+" (euro)", euro(b.Spent))
			}
			for _, m := range im.Milestones {
				add("Tappe", item, m.Title, milestone(m))
			}
			for _, in := range im.Indicators {
				name := in.Name
				if u := strings.TrimSpace(in.Unit); u != "" {
					name += " (" + u + ")"
				}
				add("Indicatori", item, name+" – valore", number(in.Value))
				add("Indicatori", item, name+" – obiettivo", number(in.Target))
			}
		}
	}
	for _, b := range r.Budget {
		add("Risorse", italian.Source(b.Source), "previste (euro)", euro(b.Planned))
		add("Risorse", italian.Source(b.Source), "spese (euro)", euro(b.Spent))
	}
	overdue := 0
	for _, a := range r.Open {
		if a.Overdue {
			overdue++
		}
	}
	add("Azioni", "portate a termine", "", n(len(r.Done)))
	add("Azioni", "aperte", "", n(len(r.Open)))
	add("Azioni", "aperte oltre la scadenza", "", n(overdue))
	for _, v := range r.Rounds {
		add("Validazione", strings.TrimSpace(v.Body.Name)+", "+italian.Date(v.Session.Date), v.Vote.Subject,
			strconv.Itoa(len(v.Vote.Covers))+" proposte")
	}
	if err := cw.Write(relazioneHeader); err != nil {
		return err
	}
	for _, row := range rows {
		for i := range row {
			row[i] = cell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// euro writes cents as euro with a decimal comma and no thousands separator: "38000,00".
func euro(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return sign + strconv.FormatInt(cents/100, 10) + "," + strconv.FormatInt(cents%100+100, 10)[1:]
}

// number writes a number with a decimal comma and no thousands separator: "4,5", "120".
func number(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	return strings.Replace(s, ".", ",", 1)
}

// yes is "sì" or "no".
func yes(b bool) string {
	if b {
		return "sì"
	}
	return "no"
}

// milestone is a milestone's state: "raggiunta il 08/03/2027", "entro il 30/09/2027".
func milestone(m data.Milestone) string {
	switch {
	case m.Done && !m.DoneOn.IsZero():
		return "raggiunta il " + italian.Date(m.DoneOn)
	case m.Done:
		return "raggiunta"
	case m.Due.IsZero():
		return "senza data"
	}
	return "entro il " + italian.Date(m.Due)
}
