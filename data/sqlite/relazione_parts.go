package sqlite

import (
	"context"
	"sort"
	"time"

	"github.com/tavoli/tavoli/data"
)

// relazioneParts adds to a relazione the priorities with their attuazione, area by area in the
// Ambito's order, the money they hold by source, and the actions: those closed in [from, to), and those
// of sessions before to still open, overdue first.
func (s *Store) relazioneParts(ctx context.Context, r *data.Relazione, from, to time.Time) error {
	views, err := s.Implementations(ctx, data.ImplementationFilter{})
	if err != nil {
		return err
	}
	areas, err := s.Areas(ctx)
	if err != nil {
		return err
	}
	byArea := map[string][]data.ImplementationView{}
	var budgets [][]data.Budget
	for _, v := range views {
		byArea[v.Proposal.AreaID] = append(byArea[v.Proposal.AreaID], v)
		budgets = append(budgets, v.Budget)
	}
	for _, a := range areas {
		if list := byArea[a.ID]; len(list) > 0 {
			sortByPriority(list)
			r.Areas = append(r.Areas, data.RelazioneArea{Area: a, Priorities: list})
		}
	}
	r.Budget = data.Totals(budgets...)
	actions, err := s.Actions(ctx, data.ActionFilter{})
	if err != nil {
		return err
	}
	for _, a := range actions {
		if !a.SessionDate.Before(to) {
			continue // agreed after the year
		}
		if !a.Closed {
			r.Open = append(r.Open, a)
			continue
		}
		done := a.SessionDate // done at its session
		if f := a.FollowUp; f != nil && f.Done && !f.DoneOn.IsZero() {
			done = f.DoneOn
		}
		if !done.Before(from) && done.Before(to) {
			r.Done = append(r.Done, a)
		}
	}
	return nil
}

// sortByPriority orders an area's priorities by their place in the list, those without one last.
func sortByPriority(list []data.ImplementationView) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i].Proposal.Priority, list[j].Proposal.Priority
		if (a > 0) != (b > 0) {
			return a > 0
		}
		return a < b
	})
}
