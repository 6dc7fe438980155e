package demo

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/tavoli/tavoli/assets"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/ids"
	"github.com/tavoli/tavoli/data/italian"
)

// attuazioneSource is the shape of assets/demo/attuazione.json: per approved priority, who answers for
// it, the money in euro, the days, the milestones and indicators, and the updates (steps) the office
// recorded, each with the progress reached and, when spent is set, the money spent so far.
type attuazioneSource struct {
	Attuazioni []struct {
		Proposal    string `json:"proposal"`
		Responsible struct {
			Kind data.Kind `json:"kind"`
			Name string    `json:"name"`
		} `json:"responsible"`
		Start  string `json:"start"`
		End    string `json:"end"`
		Budget []struct {
			Source  data.FundSource `json:"source"`
			Planned float64         `json:"planned"`
			Spent   float64         `json:"spent"`
		} `json:"budget"`
		Notes string `json:"notes"`
		Steps []struct {
			At       string `json:"at"`
			Progress int    `json:"progress"`
			Spent    bool   `json:"spent"`
		} `json:"steps"`
		Milestones []struct {
			Title string `json:"title"`
			Due   string `json:"due"`
			Done  string `json:"done"`
		} `json:"milestones"`
		Indicators []struct {
			Name   string  `json:"name"`
			Unit   string  `json:"unit"`
			Target float64 `json:"target"`
			Value  float64 `json:"value"`
			On     string  `json:"on"`
		} `json:"indicators"`
	} `json:"attuazioni"`
}

// demoDay reads a day of the demo file ("2026-03-02"), at the hour given, in the Ambito's zone; "" is zero.
func demoDay(s string, hour int) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	d, err := time.ParseInLocation("2006-01-02", s, data.Zone)
	if err != nil {
		return time.Time{}, fmt.Errorf("demo attuazione: day %q: %w", s, err)
	}
	return d.Add(time.Duration(hour) * time.Hour), nil
}

func cents(euro float64) int64 { return int64(math.Round(euro * 100)) }

// change is one step of an attuazione's history, before it becomes an event.
type change struct {
	at       time.Time
	lines    []string
	progress int // the attuazione's progress after the change
}

// addAttuazione gives the approved priorities their attuazione, as assets/demo/attuazione.json tells it,
// and records every update in the proposals' histories as the store does (data/sqlite SaveImplementation):
// the start moves an approvata proposal to in_attuazione, 100% makes it realizzata.
func addAttuazione(ds *data.Dataset) error {
	var src attuazioneSource
	if err := json.Unmarshal(assets.Attuazione, &src); err != nil {
		return fmt.Errorf("demo attuazione: %w", err)
	}
	responsible := map[data.Kind]map[string]string{data.KindComune: {}, data.KindOrganisation: {}, data.KindBody: {},
		data.KindPerson: {}}
	for _, c := range ds.Comuni {
		responsible[data.KindComune][c.Name] = c.ID
	}
	for _, o := range ds.Organisations {
		responsible[data.KindOrganisation][o.Name] = o.ID
	}
	for _, b := range ds.Bodies {
		responsible[data.KindBody][b.Name] = b.ID
	}
	for _, p := range ds.People {
		responsible[data.KindPerson][p.FullName()] = p.ID
	}
	byTitle := map[string]int{}
	for i, p := range ds.Proposals {
		if _, ok := byTitle[p.Title]; !ok {
			byTitle[p.Title] = i
		}
	}
	for _, a := range src.Attuazioni {
		i, ok := byTitle[a.Proposal]
		if !ok {
			return fmt.Errorf("demo attuazione: no proposal %q", a.Proposal)
		}
		p := &ds.Proposals[i]
		rid := responsible[a.Responsible.Kind][a.Responsible.Name]
		if rid == "" {
			return fmt.Errorf("demo attuazione: no %s %q", a.Responsible.Kind, a.Responsible.Name)
		}
		rname := a.Responsible.Name
		if a.Responsible.Kind == data.KindComune {
			rname = "Comune di " + rname
		}
		start, err := demoDay(a.Start, 9)
		if err != nil {
			return err
		}
		end, err := demoDay(a.End, 0)
		if err != nil {
			return err
		}
		im := data.Implementation{Meta: data.Meta{ID: ids.Implementation(p.ID), Created: start.UTC()}, ProposalID: p.ID,
			ResponsibleKind: a.Responsible.Kind, ResponsibleID: rid, Start: data.DayOf(start), End: end, Notes: a.Notes}
		for _, b := range a.Budget {
			im.Budget = append(im.Budget, data.Budget{Source: b.Source, Planned: cents(b.Planned)})
		}
		im.Budget = data.FullBudget(im.Budget)
		started := im
		started.Notes = ""
		changes := []change{{at: start, lines: italian.AttuazioneChanges(data.Implementation{}, started, "", rname)}}
		if im.Notes != "" {
			changes[0].lines = append(changes[0].lines, "Note aggiornate")
		}
		for k, m := range a.Milestones {
			due, err := demoDay(m.Due, 0)
			if err != nil {
				return err
			}
			done, err := demoDay(m.Done, 0)
			if err != nil {
				return err
			}
			x := data.Milestone{Meta: data.Meta{ID: id("milestone", p.ID, m.Title), Created: start.UTC(), Updated: start.UTC()},
				ImplementationID: im.ID, Title: m.Title, Due: due, Position: k + 1}
			changes[0].lines = append(changes[0].lines, italian.MilestoneChanges(data.Milestone{}, x)...)
			if !done.IsZero() {
				was := x
				x.Done, x.DoneOn, x.Updated = true, done, done.Add(10*time.Hour).UTC()
				changes = append(changes, change{at: done.Add(10 * time.Hour), lines: italian.MilestoneChanges(was, x)})
			}
			ds.Milestones = append(ds.Milestones, x)
		}
		for _, n := range a.Indicators {
			on, err := demoDay(n.On, 0)
			if err != nil {
				return err
			}
			x := data.Indicator{Meta: data.Meta{ID: id("indicator", p.ID, n.Name), Created: start.UTC(), Updated: start.UTC()},
				ImplementationID: im.ID, Name: n.Name, Unit: n.Unit, Target: n.Target}
			changes[0].lines = append(changes[0].lines, italian.IndicatorChanges(data.Indicator{}, x)...)
			if n.Value != 0 && !on.IsZero() {
				was := x
				x.Value, x.MeasuredOn, x.Updated = n.Value, on, on.Add(12*time.Hour).UTC()
				changes = append(changes, change{at: on.Add(12 * time.Hour), lines: italian.IndicatorChanges(was, x)})
			}
			ds.Indicators = append(ds.Indicators, x)
		}
		for _, st := range a.Steps {
			at, err := demoDay(st.At, 11)
			if err != nil {
				return err
			}
			was := im
			im.Progress = st.Progress
			if st.Spent {
				im.Budget = append([]data.Budget(nil), im.Budget...)
				for _, b := range a.Budget {
					for k := range im.Budget {
						if im.Budget[k].Source == b.Source {
							im.Budget[k].Spent = cents(b.Spent)
						}
					}
				}
			}
			changes = append(changes, change{at: at, lines: italian.AttuazioneChanges(was, im, rname, rname)})
		}
		sort.SliceStable(changes, func(x, y int) bool { return changes[x].at.Before(changes[y].at) })
		for k := 1; k < len(changes); k++ {
			// Updates of the same day were recorded one after the other.
			if !changes[k].at.After(changes[k-1].at) {
				changes[k].at = changes[k-1].at.Add(time.Minute)
			}
		}
		// The progress after each change, as the store reads it when it records the step.
		progress := 0
		for k := range changes {
			for _, st := range a.Steps {
				if at, _ := demoDay(st.At, 11); !at.After(changes[k].at) {
					progress = st.Progress
				}
			}
			changes[k].progress = progress
		}
		if err := im.Validate(); err != nil {
			return fmt.Errorf("demo attuazione of %q: %w", p.Title, err)
		}
		im.Updated = changes[len(changes)-1].at.UTC()
		ds.Implementations = append(ds.Implementations, im)
		if err := historyOf(ds, p, changes); err != nil {
			return err
		}
	}
	return nil
}

// historyOf records the changes of an attuazione in its proposal's history, moving the proposal as the
// store does: to in_attuazione when the attuazione starts, to realizzata at 100%.
func historyOf(ds *data.Dataset, p *data.Proposal, changes []change) error {
	if !data.CanImplement(p.State) {
		return fmt.Errorf("demo attuazione: %q is %s", p.Title, p.State)
	}
	for n, c := range changes {
		at := c.at.UTC()
		if !at.After(p.Updated) {
			return fmt.Errorf("demo attuazione: %q changes at %v, before its last step", p.Title, at)
		}
		to := p.State
		switch {
		case p.State == data.StateApprovata && c.progress < 100:
			to = data.StateInAttuazione
		case p.State != data.StateRealizzata && c.progress == 100:
			to = data.StateRealizzata
		}
		if to != p.State {
			if err := data.CheckMove(p.State, to, ""); err != nil {
				return fmt.Errorf("demo attuazione of %q: %w", p.Title, err)
			}
		}
		ds.Events = append(ds.Events, data.ProposalEvent{Meta: data.Meta{ID: id("event", p.ID, "attuazione", fmt.Sprint(n+1)),
			Created: at, Updated: at}, ProposalID: p.ID, At: at, Operator: operator, Action: data.ActionAttuazione,
			From: p.State, To: to, Reason: strings.Join(c.lines, "; ")})
		p.State, p.Updated = to, at
	}
	return nil
}
