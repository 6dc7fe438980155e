package sqlite

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// approve takes a new proposal of the office to approvata, with the reasons the moves by hand need.
func (o *office) approve(t *testing.T, title string) data.Proposal {
	t.Helper()
	p := o.propose(t, title)
	for _, to := range []data.ProposalState{data.StateInValutazione, data.StatePrioritaria, data.StateValidata,
		data.StateApprovata} {
		var err error
		p, err = o.s.MoveProposal(o.ctx, p.ID, to, "Decisione del Tavolo dei Sindaci del 12/02/2026")
		must(t, "MoveProposal("+string(to)+")", err)
	}
	return p
}

// attuazioneEvents are the reasons of the attuazione steps of a proposal's history, in order.
func (o *office) attuazioneEvents(t *testing.T, id string) []string {
	t.Helper()
	d, err := o.s.ProposalDetail(o.ctx, id)
	must(t, "ProposalDetail", err)
	var out []string
	for _, e := range d.History {
		if e.Action == data.ActionAttuazione {
			out = append(out, e.Reason)
		}
	}
	return out
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, data.Zone) }

func TestImplementationHistory(t *testing.T) {
	o := newOffice(t)
	p := o.approve(t, "Trasporto sociale di Ambito")
	im, err := o.s.SaveImplementation(o.ctx, data.Implementation{ProposalID: p.ID, ResponsibleKind: data.KindComune,
		ResponsibleID: o.magione.ID, Start: day(2027, 3, 1), End: day(2027, 12, 31), Progress: 40,
		Budget: []data.Budget{{Source: data.FundFNPS, Planned: 3800000}, {Source: data.FundComuni, Planned: 1200000}}})
	must(t, "SaveImplementation", err)
	if im.ID != implementationID(p.ID) || len(im.Budget) != len(data.FundSources) {
		t.Fatalf("SaveImplementation = %+v, want the proposal's id and a full budget", im)
	}
	d, err := o.s.ProposalDetail(o.ctx, p.ID)
	must(t, "ProposalDetail", err)
	if d.State != data.StateInAttuazione {
		t.Errorf("state after the attuazione started = %s, want in_attuazione", d.State)
	}
	im.Progress = 60
	im.Budget[0].Spent = 125050
	im, err = o.s.SaveImplementation(o.ctx, im)
	must(t, "SaveImplementation(60%)", err)
	// Saving it again unchanged writes nothing.
	_, err = o.s.SaveImplementation(o.ctx, im)
	must(t, "SaveImplementation(unchanged)", err)
	m, err := o.s.SaveMilestone(o.ctx, data.Milestone{ImplementationID: im.ID, Title: "Avvio del servizio",
		Due: day(2027, 3, 10)})
	must(t, "SaveMilestone", err)
	m.Done = true
	m, err = o.s.SaveMilestone(o.ctx, m)
	must(t, "SaveMilestone(done)", err)
	if !m.DoneOn.Equal(day(2027, 3, 1)) {
		t.Errorf("DoneOn = %v, want the store's day", m.DoneOn)
	}
	i, err := o.s.SaveIndicator(o.ctx, data.Indicator{ImplementationID: im.ID, Name: "Persone trasportate",
		Unit: "persone", Target: 150, Value: 80})
	must(t, "SaveIndicator", err)
	i.Value = 120
	_, err = o.s.SaveIndicator(o.ctx, i)
	must(t, "SaveIndicator(120)", err)
	got := o.attuazioneEvents(t, p.ID)
	want := []string{
		"Attuazione avviata; Responsabile: Comune di Magione; Inizio: 01/03/2027; Fine prevista: 31/12/2027; " +
			"Avanzamento: 0% → 40%; Budget FNPS previsto: 0,00 € → 38.000,00 €; Budget Comuni previsto: 0,00 € → 12.000,00 €",
		"Avanzamento: 40% → 60%; Budget FNPS speso: 0,00 € → 1.250,50 €",
		"Traguardo «Avvio del servizio» aggiunto, entro il 10/03/2027",
		"Traguardo «Avvio del servizio» raggiunto",
		"Indicatore «Persone trasportate» aggiunto: 80 persone (obiettivo 150)",
		"Indicatore «Persone trasportate»: 80 → 120 persone (obiettivo 150)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("history =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Done: realizzata; and back.
	im.Progress = 100
	im, err = o.s.SaveImplementation(o.ctx, im)
	must(t, "SaveImplementation(100%)", err)
	d, _ = o.s.ProposalDetail(o.ctx, p.ID)
	if d.State != data.StateRealizzata {
		t.Errorf("state at 100%% = %s, want realizzata", d.State)
	}
	im.Progress = 90
	_, err = o.s.SaveImplementation(o.ctx, im)
	must(t, "SaveImplementation(90%)", err)
	d, _ = o.s.ProposalDetail(o.ctx, p.ID)
	if d.State != data.StateInAttuazione {
		t.Errorf("state back at 90%% = %s, want in_attuazione", d.State)
	}
}

func TestImplementationRules(t *testing.T) {
	o := newOffice(t)
	p := o.approve(t, "Centro per le famiglie")
	open := o.propose(t, "Caffè Alzheimer")
	for _, c := range []struct {
		name string
		im   data.Implementation
		code data.Code
		key  string
	}{
		{"progress over 100", data.Implementation{ProposalID: p.ID, Progress: 101}, data.EInvalid, "err.attuazione.progress"},
		{"negative progress", data.Implementation{ProposalID: p.ID, Progress: -1}, data.EInvalid, "err.attuazione.progress"},
		{"end before start", data.Implementation{ProposalID: p.ID, Start: day(2027, 5, 1), End: day(2027, 4, 1)},
			data.EInvalid, "err.attuazione.dates"},
		{"negative amount", data.Implementation{ProposalID: p.ID, Budget: []data.Budget{{Source: data.FundAltro, Spent: -1}}},
			data.EInvalid, "err.attuazione.amount"},
		{"unknown source", data.Implementation{ProposalID: p.ID, Budget: []data.Budget{{Source: "asl"}}},
			data.EInvalid, "err.attuazione.source"},
		{"responsible of a wrong kind", data.Implementation{ProposalID: p.ID, ResponsibleKind: data.KindSession,
			ResponsibleID: o.march.ID}, data.EInvalid, "err.attuazione.responsible_kind"},
		{"responsible missing", data.Implementation{ProposalID: p.ID, ResponsibleKind: data.KindPerson,
			ResponsibleID: "nobody"}, data.ENotFound, "err.ref.missing"},
		{"proposal not approved", data.Implementation{ProposalID: open.ID}, data.EInvalid, "err.attuazione.state"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := o.s.SaveImplementation(o.ctx, c.im)
			wantErr(t, "SaveImplementation", err, c.code, c.key)
		})
	}
	im, err := o.s.SaveImplementation(o.ctx, data.Implementation{ProposalID: p.ID, ResponsibleKind: data.KindOrganisation,
		ResponsibleID: o.usl.ID})
	must(t, "SaveImplementation", err)
	// A second attuazione of the same proposal, started without knowing of the first, is refused.
	_, err = o.s.SaveImplementation(o.ctx, data.Implementation{ProposalID: p.ID, Progress: 5})
	wantErr(t, "SaveImplementation(twice)", err, data.EChanged, "err.record.changed")
	_, err = o.s.SaveMilestone(o.ctx, data.Milestone{ImplementationID: im.ID})
	wantErr(t, "SaveMilestone(no title)", err, data.EInvalid, "err.milestone.title")
	_, err = o.s.SaveIndicator(o.ctx, data.Indicator{ImplementationID: im.ID, Name: "Famiglie", Target: -1})
	wantErr(t, "SaveIndicator(negative target)", err, data.EInvalid, "err.indicator.target")
}

func TestImplementationsList(t *testing.T) {
	o := newOffice(t)
	a := o.approve(t, "Albo delle assistenti familiari")
	b := o.approve(t, "Trasporto sociale di Ambito")
	c := o.approve(t, "Sportello d'ascolto")
	o.propose(t, "Not approved")
	o.clock.set(time.Date(2027, 6, 1, 9, 0, 0, 0, time.UTC))
	_, err := o.s.SaveImplementation(o.ctx, data.Implementation{ProposalID: a.ID, Progress: 30,
		Start: day(2027, 1, 1), End: day(2027, 12, 31)})
	must(t, "SaveImplementation(a)", err)
	imb, err := o.s.SaveImplementation(o.ctx, data.Implementation{ProposalID: b.ID, Progress: 20,
		ResponsibleKind: data.KindComune, ResponsibleID: o.castiglione.ID})
	must(t, "SaveImplementation(b)", err)
	_, err = o.s.SaveMilestone(o.ctx, data.Milestone{ImplementationID: imb.ID, Title: "Centrale di prenotazione",
		Due: day(2027, 5, 31)})
	must(t, "SaveMilestone", err)
	list, err := o.s.Implementations(o.ctx, data.ImplementationFilter{})
	must(t, "Implementations", err)
	var titles []string
	for _, v := range list {
		titles = append(titles, v.Proposal.Title)
	}
	want := []string{b.Title, a.Title, c.Title}
	if !slices.Equal(titles, want) {
		t.Fatalf("Implementations = %q, want %q (late first)", titles, want)
	}
	if !list[0].Late || list[1].Late || list[2].Late {
		t.Errorf("late = %v %v %v, want true false false", list[0].Late, list[1].Late, list[2].Late)
	}
	if list[0].ResponsibleName != "Comune di Castiglione del Lago" || len(list[0].Milestones) != 1 {
		t.Errorf("first = %q with %d milestones", list[0].ResponsibleName, len(list[0].Milestones))
	}
	if list[2].ID != "" || list[2].ProposalID != c.ID || len(list[2].Budget) != len(data.FundSources) {
		t.Errorf("not started = %+v, want a zero attuazione of its proposal", list[2].Implementation)
	}
	late, err := o.s.Implementations(o.ctx, data.ImplementationFilter{LateOnly: true})
	must(t, "Implementations(late)", err)
	by, err := o.s.Implementations(o.ctx, data.ImplementationFilter{ResponsibleID: o.castiglione.ID})
	must(t, "Implementations(responsible)", err)
	if len(late) != 1 || len(by) != 1 || late[0].ProposalID != b.ID || by[0].ProposalID != b.ID {
		t.Errorf("filters: late %d, by responsible %d, want 1 and 1", len(late), len(by))
	}
	// Deleting the proposal takes its attuazione and milestones along; restoring brings them back.
	removed, err := o.s.Delete(o.ctx, data.Ref{Kind: data.KindProposal, ID: b.ID})
	must(t, "Delete", err)
	kinds := map[data.Kind]int{}
	for _, r := range removed {
		kinds[r.Kind]++
	}
	if kinds[data.KindImplementation] != 1 || kinds[data.KindMilestone] != 1 {
		t.Errorf("Delete removed %v, want the attuazione and its milestone", kinds)
	}
	must(t, "Restore", o.s.Restore(o.ctx, []data.Ref{{Kind: data.KindProposal, ID: b.ID}}))
	by, err = o.s.Implementations(o.ctx, data.ImplementationFilter{ResponsibleID: o.castiglione.ID})
	must(t, "Implementations(restored)", err)
	if len(by) != 1 || len(by[0].Milestones) != 1 {
		t.Errorf("after Restore: %d attuazioni, want 1 with its milestone", len(by))
	}
}

// The demo's five priorities of 2026 are being carried out: one realised, one late (a milestone of
// June 2026 not reached), the others under way, as of the day the demo is tried and of the tests' day.
func TestDemoAttuazione(t *testing.T) {
	for _, now := range []time.Time{time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC), time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)} {
		opt := testOptions()
		opt.Now = func() time.Time { return now }
		s := openAt(t, filepath.Join(t.TempDir(), "demo.db"), opt)
		seedDemo(t, s, 1)
		list, err := s.Implementations(t.Context(), data.ImplementationFilter{})
		must(t, "Implementations", err)
		var started, realizzate, late int
		for _, v := range list {
			if v.ID == "" {
				continue
			}
			started++
			if v.Proposal.State == data.StateRealizzata {
				realizzate++
				if v.Progress != 100 {
					t.Errorf("%q realizzata at %d%%", v.Proposal.Title, v.Progress)
				}
			}
			if v.Late {
				late++
				if !strings.HasPrefix(v.Proposal.Title, "Tirocini") {
					t.Errorf("on %v %q is late, want only the tirocini", now, v.Proposal.Title)
				}
			}
			if v.ResponsibleName == "" || len(v.Milestones) == 0 || len(v.Indicators) == 0 {
				t.Errorf("%q: responsible %q, %d milestones, %d indicators", v.Proposal.Title, v.ResponsibleName,
					len(v.Milestones), len(v.Indicators))
			}
		}
		if started != 5 || realizzate != 1 || late != 1 || !list[0].Late {
			t.Errorf("on %v: %d attuazioni, %d realizzate, %d late (first late %v), want 5, 1, 1, true", now, started,
				realizzate, late, list[0].Late)
		}
	}
}
