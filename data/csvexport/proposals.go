package csvexport

import (
	"io"
	"strconv"
	"strings"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// proposalHeader names the columns of Proposals, in order.
var proposalHeader = []string{"Titolo", "Testo", "Area", "Tipo", "Stato", "Priorità", "Tavolo", "Data seduta",
	"Proponente", "Organizzazione", "Destinatari", "Comuni", "Costo", "Durata", "Accorpata in", "Id"}

// Proposals writes the proposals as CSV for a spreadsheet with Italian settings: UTF-8 with BOM,
// semicolon separators, CRLF, a header row in Italian.
func Proposals(w io.Writer, ps []data.ProposalView) error {
	cw, err := writer(w)
	if err != nil {
		return err
	}
	titles := make(map[string]string, len(ps))
	for _, p := range ps {
		titles[p.ID] = p.Title
	}
	if err := cw.Write(proposalHeader); err != nil {
		return err
	}
	for _, p := range ps {
		row := []string{p.Title, p.Text, p.AreaName, italian.Kind(p.Kind), italian.State(p.State), priority(p.Priority),
			p.BodyName, date(p), p.ProposerName, p.OrganisationName, p.TargetGroup,
			strings.Join(p.ComuneNames, ", "), italian.Cost(p.Cost), italian.Time(p.Duration),
			mergedInto(p.MergedIntoID, titles), p.ID}
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

// priority is a place in the priority list; "" for a proposal not in it.
func priority(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// date is the day of the session where the proposal was made, in the Ambito's zone; "" for one
// made by the office.
func date(p data.ProposalView) string {
	return italian.Date(p.SessionDate)
}

// mergedInto names the proposal one was merged into: its title when the list holds it, its id
// otherwise, so the link survives a filtered export.
func mergedInto(id string, titles map[string]string) string {
	if id == "" {
		return ""
	}
	if t := titles[id]; t != "" {
		return t
	}
	return id
}
