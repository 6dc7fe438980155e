package data_test

import (
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, data.Zone) }

func TestImplementationValidate(t *testing.T) {
	ok := data.Implementation{ProposalID: "p", Progress: 40, Start: day(2026, 3, 1), End: day(2026, 12, 31),
		ResponsibleKind: data.KindComune, ResponsibleID: "c", Budget: []data.Budget{{Source: data.FundFNPS, Planned: 100}}}
	for _, c := range []struct {
		name string
		edit func(*data.Implementation)
		key  string
	}{
		{"valid", func(*data.Implementation) {}, ""},
		{"no proposal", func(im *data.Implementation) { im.ProposalID = "" }, "err.attuazione.proposal"},
		{"progress 101", func(im *data.Implementation) { im.Progress = 101 }, "err.attuazione.progress"},
		{"progress -1", func(im *data.Implementation) { im.Progress = -1 }, "err.attuazione.progress"},
		{"end before start", func(im *data.Implementation) { im.End = day(2026, 2, 1) }, "err.attuazione.dates"},
		{"end on the start day", func(im *data.Implementation) { im.End = im.Start }, ""},
		{"kind without id", func(im *data.Implementation) { im.ResponsibleID = "" }, "err.attuazione.responsible"},
		{"a session answers", func(im *data.Implementation) { im.ResponsibleKind = data.KindSession }, "err.attuazione.responsible_kind"},
		{"negative spent", func(im *data.Implementation) { im.Budget[0].Spent = -1 }, "err.attuazione.amount"},
		{"unknown source", func(im *data.Implementation) { im.Budget[0].Source = "asl" }, "err.attuazione.source"},
		{"source twice", func(im *data.Implementation) { im.Budget = append(im.Budget, im.Budget[0]) }, "err.attuazione.source_twice"},
	} {
		t.Run(c.name, func(t *testing.T) {
			im := ok
			im.Budget = append([]data.Budget(nil), ok.Budget...)
			c.edit(&im)
			checkKey(t, "Validate", im.Validate(), c.key)
		})
	}
}

func TestIsLate(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	im := data.Implementation{Meta: data.Meta{ID: "x"}, End: day(2027, 6, 30)}
	overdue := []data.Milestone{{Title: "Convenzioni", Due: day(2026, 6, 30)}}
	for _, c := range []struct {
		name       string
		im         data.Implementation
		state      data.ProposalState
		milestones []data.Milestone
		want       bool
	}{
		{"on time", im, data.StateInAttuazione, nil, false},
		{"a milestone overdue", im, data.StateInAttuazione, overdue, true},
		{"the overdue milestone reached", im, data.StateInAttuazione, []data.Milestone{{Due: day(2026, 6, 30), Done: true}}, false},
		{"a milestone due today", im, data.StateInAttuazione, []data.Milestone{{Due: day(2026, 12, 7)}}, false},
		{"the end passed", data.Implementation{Meta: data.Meta{ID: "x"}, End: day(2026, 12, 6)}, data.StateInAttuazione, nil, true},
		{"the end passed, realizzata", data.Implementation{Meta: data.Meta{ID: "x"}, End: day(2026, 12, 6)}, data.StateRealizzata, overdue, false},
		{"not started", data.Implementation{End: day(2026, 1, 1)}, data.StateApprovata, nil, false},
	} {
		if got := data.IsLate(c.im, c.state, c.milestones, now); got != c.want {
			t.Errorf("IsLate(%s) = %v, want %v", c.name, got, c.want)
		}
	}
}
