package sqlite

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
)

// attuazioni is what a store holds of the attuazioni, as JSON, for comparing two laptops.
func attuazioni(t *testing.T, s *Store) string {
	t.Helper()
	list, err := s.Implementations(t.Context(), data.ImplementationFilter{})
	must(t, "Implementations", err)
	b, err := json.Marshal(list)
	must(t, "json.Marshal", err)
	return string(b)
}

// Two laptops that edit the same attuazioni, and start the same one each on its own, end alike after
// exchanging bundles both ways, with the history of both.
func TestAttuazioneExchangeConverges(t *testing.T) {
	o := newOffice(t)
	ctx := o.ctx
	trasporto := o.approve(t, "Trasporto sociale di Ambito")
	famiglie := o.approve(t, "Centro per le famiglie del Trasimeno")
	im, err := o.s.SaveImplementation(ctx, data.Implementation{ProposalID: trasporto.ID, Progress: 10,
		Budget: []data.Budget{{Source: data.FundFNPS, Planned: 3800000}}})
	must(t, "SaveImplementation(a)", err)
	m, err := o.s.SaveMilestone(ctx, data.Milestone{ImplementationID: im.ID, Title: "Avvio del servizio",
		Due: day(2027, 4, 1)})
	must(t, "SaveMilestone(a)", err)
	b := openAt(t, filepath.Join(t.TempDir(), "b.db"), replicaOptions("device-b", meetDay(3, 6, 9, 0)))
	exchange(t, o.s, b, bundle.ExportOptions{})

	// On A: progress and a spent sum; the Centro per le famiglie started.
	o.clock.set(meetDay(3, 5, 10, 0))
	im.Progress = 40
	im.Budget[0].Spent = 500000
	_, err = o.s.SaveImplementation(ctx, im)
	must(t, "SaveImplementation(a, 40%)", err)
	_, err = o.s.SaveImplementation(ctx, data.Implementation{ProposalID: famiglie.ID, Progress: 5,
		ResponsibleKind: data.KindComune, ResponsibleID: o.magione.ID})
	must(t, "SaveImplementation(a, famiglie)", err)
	// On B, later: the milestone done, an indicator, and the Centro per le famiglie started too.
	list, err := b.Implementations(ctx, data.ImplementationFilter{})
	must(t, "Implementations(b)", err)
	var mb data.Milestone
	for _, v := range list {
		for _, x := range v.Milestones {
			if x.ID == m.ID {
				mb = x
			}
		}
	}
	mb.Done = true
	_, err = b.SaveMilestone(ctx, mb)
	must(t, "SaveMilestone(b, done)", err)
	_, err = b.SaveIndicator(ctx, data.Indicator{ImplementationID: im.ID, Name: "Persone trasportate", Unit: "persone",
		Target: 150, Value: 40})
	must(t, "SaveIndicator(b)", err)
	_, err = b.SaveImplementation(ctx, data.Implementation{ProposalID: famiglie.ID, Progress: 15,
		ResponsibleKind: data.KindOrganisation, ResponsibleID: o.usl.ID})
	must(t, "SaveImplementation(b, famiglie)", err)

	exchange(t, o.s, b, bundle.ExportOptions{})
	exchange(t, b, o.s, bundle.ExportOptions{})
	ja, jb := attuazioni(t, o.s), attuazioni(t, b)
	if ja != jb {
		t.Fatalf("after the exchange the laptops differ:\nA %s\nB %s", ja, jb)
	}
	var got []data.ImplementationView
	must(t, "json.Unmarshal", json.Unmarshal([]byte(ja), &got))
	for _, v := range got {
		switch v.ProposalID {
		case trasporto.ID:
			if v.Progress != 40 || len(v.Milestones) != 1 || !v.Milestones[0].Done || len(v.Indicators) != 1 {
				t.Errorf("trasporto = %d%%, milestones %+v, %d indicators; want both laptops' edits", v.Progress,
					v.Milestones, len(v.Indicators))
			}
		case famiglie.ID:
			// Started on both: one record, the later edit (B's) wins, A's version kept among the conflicts.
			if v.Progress != 15 || v.ResponsibleName != "USL Umbria 1" {
				t.Errorf("famiglie = %d%% by %q, want B's 15%% by USL Umbria 1", v.Progress, v.ResponsibleName)
			}
		}
	}
	if n := rowCount(t, o.s, "implementations", "proposal_id = ?", famiglie.ID); n != 1 {
		t.Errorf("attuazioni of the famiglie = %d, want 1", n)
	}
	// Both histories travelled.
	da, err := o.s.ProposalDetail(ctx, trasporto.ID)
	must(t, "ProposalDetail(a)", err)
	db, err := b.ProposalDetail(ctx, trasporto.ID)
	must(t, "ProposalDetail(b)", err)
	if len(da.History) != len(db.History) || len(da.History) < 8 {
		t.Errorf("history: A %d steps, B %d, want the same and both laptops' steps", len(da.History), len(db.History))
	}
}

// Recording the attuazione of a proposal captured in a session whose verbale is approved works on any
// laptop, travels, and leaves the session locked on both.
func TestAttuazioneExchangeKeepsLocks(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	start := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	a := openAt(t, filepath.Join(dir, "a.db"), replicaOptions("device-a", start))
	seedDemo(t, a, 1)
	b := openAt(t, filepath.Join(dir, "b.db"), replicaOptions("device-b", start.Add(time.Hour)))
	exchange(t, a, b, bundle.ExportOptions{})
	list, err := b.Implementations(ctx, data.ImplementationFilter{})
	must(t, "Implementations", err)
	var v data.ImplementationView
	var sess data.SessionView
	for _, x := range list {
		if x.Proposal.SessionID == "" {
			continue
		}
		s, err := b.Session(ctx, x.Proposal.SessionID)
		must(t, "Session", err)
		if s.Status == data.SessionApprovata {
			v, sess = x, s
			break
		}
	}
	if v.ProposalID == "" {
		t.Fatal("the demo has no approved proposal captured in a session with its verbale approved")
	}
	im := v.Implementation
	im.Progress = min(im.Progress+5, 99)
	im.Notes = "Verificato con il Comune capofila."
	_, err = b.SaveImplementation(ctx, im)
	must(t, "SaveImplementation(b)", err)
	exchange(t, b, a, bundle.ExportOptions{})
	if attuazioni(t, a) != attuazioni(t, b) {
		t.Fatal("after the exchange the attuazioni differ")
	}
	for name, s := range map[string]*Store{"A": a, "B": b} {
		_, err := s.SaveAgendaItem(ctx, data.AgendaItem{SessionID: sess.ID, Title: "Varie ed eventuali"})
		wantErr(t, "SaveAgendaItem in the approved session, on "+name, err, data.ELocked, "err.session.locked")
	}
}
