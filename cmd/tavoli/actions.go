package main

import (
	"context"
	"time"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
	"github.com/tavoli/tavoli/data/sqlite"
)

// actionRow is an action of the register as "list actions --json" writes it. Its fields are stable:
// scripts read them.
type actionRow struct {
	ID          string `json:"id"`
	Who         string `json:"who"`
	PersonID    string `json:"person_id,omitempty"`
	What        string `json:"what"`
	Due         string `json:"due,omitempty"` // a day, YYYY-MM-DD
	Done        bool   `json:"done"`          // at its session or since
	DoneOn      string `json:"done_on,omitempty"`
	Note        string `json:"note,omitempty"`
	Body        string `json:"body"`
	BodyID      string `json:"body_id"`
	SessionID   string `json:"session_id"`
	SessionDate string `json:"session_date"` // local time of the Ambito, with its offset
	Overdue     bool   `json:"overdue"`
}

// listActions is the register of actions, overdue first; with --overdue, only those.
func listActions(ctx context.Context, st *sqlite.Store, overdue bool) ([]any, [][]string, error) {
	list, err := st.Actions(ctx, data.ActionFilter{OverdueOnly: overdue})
	if err != nil {
		return nil, nil, err
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(data.Zone).Format(time.DateOnly)
	}
	rows := []any{}
	table := [][]string{{i18n.L("col.due"), i18n.L("col.who"), i18n.L("col.what"), i18n.L("col.status"),
		i18n.L("col.body"), i18n.L("col.date"), "id"}}
	for _, v := range list {
		r := actionRow{ID: v.ID, Who: v.Who, PersonID: v.PersonID, What: v.What, Due: day(v.Due), Done: v.Closed,
			Body: v.BodyName, BodyID: v.BodyID, SessionID: v.SessionID,
			SessionDate: v.SessionDate.In(data.Zone).Format(time.RFC3339), Overdue: v.Overdue}
		if fu := v.FollowUp; fu != nil {
			r.Note = fu.Note
			if fu.Done {
				r.DoneOn = day(fu.DoneOn)
			}
		}
		rows = append(rows, r)
		state := i18n.L("action.open")
		switch {
		case v.Overdue:
			state = i18n.L("action.overdue")
		case v.Closed:
			state = i18n.L("action.done")
		}
		due := ""
		if !v.Due.IsZero() {
			due = italian.Date(v.Due)
		}
		table = append(table, []string{due, v.Who, v.What, state, v.BodyName, italian.Date(v.SessionDate), v.ID})
	}
	return rows, table, nil
}
