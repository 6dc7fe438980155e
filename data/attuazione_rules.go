package data

import (
	"strings"
	"time"
)

// ActionAttuazione is a change to a proposal's attuazione, its milestones or its indicators; the
// event's Reason says what changed.
const ActionAttuazione EventAction = "attuazione"

// ResponsibleKinds are the kinds of record that may answer for an attuazione, in the order the
// interface offers them.
var ResponsibleKinds = []Kind{KindBody, KindOrganisation, KindComune, KindPerson}

// CanImplement reports whether a proposal in state s may have an attuazione: once the Sindaci approved it.
func CanImplement(s ProposalState) bool {
	return s == StateApprovata || s == StateInAttuazione || s == StateRealizzata
}

// Validate checks an attuazione's own rules; the store checks that what it names exists.
func (im Implementation) Validate() error {
	switch {
	case im.ProposalID == "":
		return Errorf(EInvalid, "err.attuazione.proposal")
	case im.Progress < 0 || im.Progress > 100:
		return Errorf(EInvalid, "err.attuazione.progress", "value", im.Progress)
	case !im.Start.IsZero() && !im.End.IsZero() && im.End.Before(im.Start):
		return Errorf(EInvalid, "err.attuazione.dates")
	case im.ResponsibleKind == "" && im.ResponsibleID != "", im.ResponsibleKind != "" && im.ResponsibleID == "":
		return Errorf(EInvalid, "err.attuazione.responsible")
	}
	if im.ResponsibleKind != "" && !validResponsible(im.ResponsibleKind) {
		return Errorf(EInvalid, "err.attuazione.responsible_kind", "value", string(im.ResponsibleKind))
	}
	seen := map[FundSource]bool{}
	for _, b := range im.Budget {
		if !validSource(b.Source) {
			return Errorf(EInvalid, "err.attuazione.source", "value", string(b.Source))
		}
		if seen[b.Source] {
			return Errorf(EInvalid, "err.attuazione.source_twice", "value", string(b.Source))
		}
		seen[b.Source] = true
		if b.Planned < 0 || b.Spent < 0 {
			return Errorf(EInvalid, "err.attuazione.amount")
		}
	}
	return nil
}

func validResponsible(k Kind) bool {
	for _, v := range ResponsibleKinds {
		if k == v {
			return true
		}
	}
	return false
}

func validSource(s FundSource) bool {
	for _, v := range FundSources {
		if s == v {
			return true
		}
	}
	return false
}

// FullBudget is b with one entry per source in FundSources order, zeros included.
func FullBudget(b []Budget) []Budget {
	out := make([]Budget, len(FundSources))
	for i, s := range FundSources {
		out[i].Source = s
		for _, x := range b {
			if x.Source == s {
				out[i].Planned, out[i].Spent = x.Planned, x.Spent
			}
		}
	}
	return out
}

// BudgetTotal sums the planned and spent money of every source, in cents.
func BudgetTotal(b []Budget) (planned, spent int64) {
	for _, x := range b {
		planned += x.Planned
		spent += x.Spent
	}
	return planned, spent
}

// Normalize trims the text and keeps the dates as days (the budget is made full once valid).
func (im *Implementation) Normalize() {
	im.Notes = strings.TrimSpace(im.Notes)
	im.Start, im.End = DayOf(im.Start), DayOf(im.End)
}

// Validate checks a milestone's own rules.
func (m Milestone) Validate() error {
	switch {
	case m.ImplementationID == "":
		return Errorf(EInvalid, "err.milestone.implementation")
	case strings.TrimSpace(m.Title) == "":
		return Errorf(EInvalid, "err.milestone.title")
	}
	return nil
}

// Validate checks an indicator's own rules.
func (i Indicator) Validate() error {
	switch {
	case i.ImplementationID == "":
		return Errorf(EInvalid, "err.indicator.implementation")
	case strings.TrimSpace(i.Name) == "":
		return Errorf(EInvalid, "err.indicator.name")
	case i.Target < 0:
		return Errorf(EInvalid, "err.indicator.target")
	}
	return nil
}

// DayOf is the day of t at midnight in the Ambito's zone, or zero for a zero time: the dates of an
// attuazione are days.
func DayOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	t = t.In(Zone)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, Zone)
}

// IsLate says whether an attuazione is late on the day of now: its end has passed and the proposal is not
// realizzata, or a milestone is past its due day and not done.
func IsLate(im Implementation, state ProposalState, milestones []Milestone, now time.Time) bool {
	if im.ID == "" || state == StateRealizzata {
		return false
	}
	today := DayOf(now)
	if !im.End.IsZero() && DayOf(im.End).Before(today) {
		return true
	}
	for _, m := range milestones {
		if !m.Done && !m.Due.IsZero() && DayOf(m.Due).Before(today) {
			return true
		}
	}
	return false
}
