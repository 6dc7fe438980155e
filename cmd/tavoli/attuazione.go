package main

import (
	"context"
	"fmt"
	"time"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
	"github.com/tavoli/tavoli/data/sqlite"
)

// The JSON of "tavoli list attuazione": field names are stable, money is in euro (a number with the
// cents as decimals), days are written 2026-03-02 ("" when not set).

type attuazioneProposal struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Area     string `json:"area"`
	AreaID   string `json:"area_id"`
	State    string `json:"state"`
	Priority int    `json:"priority"`
}

type attuazioneBudget struct {
	Source  string  `json:"source"`
	Planned float64 `json:"planned"`
	Spent   float64 `json:"spent"`
}

type attuazioneMilestone struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Due    string `json:"due"`
	Done   bool   `json:"done"`
	DoneOn string `json:"done_on"`
}

type attuazioneIndicator struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Unit       string  `json:"unit"`
	Target     float64 `json:"target"`
	Value      float64 `json:"value"`
	MeasuredOn string  `json:"measured_on"`
}

type attuazioneRow struct {
	ID              string                `json:"id"` // "" when no attuazione was recorded yet
	Proposal        attuazioneProposal    `json:"proposal"`
	Responsible     string                `json:"responsible"`
	ResponsibleKind string                `json:"responsible_kind"`
	ResponsibleID   string                `json:"responsible_id"`
	Start           string                `json:"start"`
	End             string                `json:"end"`
	Progress        int                   `json:"progress"`
	Budget          []attuazioneBudget    `json:"budget"`
	Planned         float64               `json:"planned"` // the budget's total
	Spent           float64               `json:"spent"`
	Milestones      []attuazioneMilestone `json:"milestones"`
	Indicators      []attuazioneIndicator `json:"indicators"`
	Notes           string                `json:"notes"`
	Late            bool                  `json:"late"`
}

// iso writes a day as 2026-03-02, in the Ambito's zone; "" when not set.
func iso(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(data.Zone).Format("2006-01-02")
}

func euro(cents int64) float64 { return float64(cents) / 100 }

func listAttuazione(ctx context.Context, st *sqlite.Store) ([]any, [][]string, error) {
	list, err := st.Implementations(ctx, data.ImplementationFilter{})
	if err != nil {
		return nil, nil, err
	}
	rows := []any{}
	table := [][]string{{"", i18n.L("field.area"), i18n.L("field.title"), i18n.L("attuazione.responsible"),
		i18n.L("attuazione.progress"), i18n.L("attuazione.end"), i18n.L("attuazione.planned"), i18n.L("attuazione.spent")}}
	for _, v := range list {
		r := attuazioneRow{ID: v.ID, Proposal: attuazioneProposal{ID: v.Proposal.ID, Title: v.Proposal.Title,
			Area: v.Proposal.AreaName, AreaID: v.Proposal.AreaID, State: string(v.Proposal.State), Priority: v.Proposal.Priority},
			Responsible: v.ResponsibleName, ResponsibleKind: string(v.ResponsibleKind), ResponsibleID: v.ResponsibleID,
			Start: iso(v.Start), End: iso(v.End), Progress: v.Progress, Notes: v.Notes, Late: v.Late,
			Budget: []attuazioneBudget{}, Milestones: []attuazioneMilestone{}, Indicators: []attuazioneIndicator{}}
		for _, b := range data.FullBudget(v.Budget) {
			r.Budget = append(r.Budget, attuazioneBudget{string(b.Source), euro(b.Planned), euro(b.Spent)})
		}
		planned, spent := data.BudgetTotal(v.Budget)
		r.Planned, r.Spent = euro(planned), euro(spent)
		for _, m := range v.Milestones {
			r.Milestones = append(r.Milestones, attuazioneMilestone{m.ID, m.Title, iso(m.Due), m.Done, iso(m.DoneOn)})
		}
		for _, i := range v.Indicators {
			r.Indicators = append(r.Indicators, attuazioneIndicator{i.ID, i.Name, i.Unit, i.Target, i.Value, iso(i.MeasuredOn)})
		}
		rows = append(rows, r)
		mark := ""
		if v.Late {
			mark = i18n.L("attuazione.late")
		}
		progress := ""
		if v.ID != "" {
			progress = fmt.Sprintf("%d%%", v.Progress)
		}
		table = append(table, []string{mark, v.Proposal.AreaName, v.Proposal.Title, v.ResponsibleName, progress,
			italian.Date(v.End), italian.Euro(planned), italian.Euro(spent)})
	}
	return rows, table, nil
}
