package main

import (
	"context"
	"fmt"
	"time"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
)

// historyRow is an entry of a record's history as "history --json" writes it. Its fields are stable:
// scripts read them.
type historyRow struct {
	ID       string          `json:"id"`
	Kind     string          `json:"kind"`
	RecordID string          `json:"record_id"`
	At       string          `json:"at"` // local time of the Ambito, with its offset
	Device   string          `json:"device"`
	Operator string          `json:"operator,omitempty"`
	Computer string          `json:"computer,omitempty"`
	Action   string          `json:"action"`
	Changes  []historyChange `json:"changes"`
}

// historyChange is one field an entry changed: the values as stored, and what they name when they are
// ids of other records.
type historyChange struct {
	Field    string `json:"field"`
	Label    string `json:"label"`
	Old      any    `json:"old"`
	New      any    `json:"new"`
	OldName  string `json:"old_name,omitempty"`
	NewName  string `json:"new_name,omitempty"`
	Document bool   `json:"document,omitempty"`
}

// history prints every change kept of one record, the newest first: "tavoli history --record ID".
func (c *cli) history(ctx context.Context, rest []string) int {
	if len(rest) > 0 {
		return c.usage("cli.extra_words", map[string]any{"words": fmt.Sprint(rest)})
	}
	if c.opt.record == "" {
		return c.usage("cli.history_record", nil)
	}
	st, err := c.open(ctx, readOnly)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	list, err := st.History(ctx, c.opt.record)
	if err != nil {
		return c.fail(err)
	}
	if c.opt.json {
		rows := []historyRow{}
		for _, e := range list {
			rows = append(rows, historyJSON(e))
		}
		return c.writeJSON(rows)
	}
	if len(list) == 0 {
		fmt.Fprintln(c.stdout, i18n.L("history.none"))
	}
	for _, e := range list {
		fmt.Fprintln(c.stdout, i18n.HistoryLine(e))
	}
	return exitOK
}

func historyJSON(e data.HistoryEntry) historyRow {
	r := historyRow{ID: e.ID, Kind: string(e.Kind), RecordID: e.RecordID, At: e.At.In(data.Zone).Format(time.RFC3339),
		Device: e.Author, Operator: e.Operator, Computer: e.Computer, Action: string(e.Action),
		Changes: []historyChange{}}
	for _, ch := range e.Changes {
		hc := historyChange{Field: ch.Field, Label: i18n.FieldLabel(ch.Field), Old: ch.Old, New: ch.New,
			Document: ch.Document}
		if s, ok := ch.Old.(string); ok {
			hc.OldName = e.Names[s]
		}
		if s, ok := ch.New.(string); ok {
			hc.NewName = e.Names[s]
		}
		r.Changes = append(r.Changes, hc)
	}
	return r
}
