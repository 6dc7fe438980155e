package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/demo"
	"github.com/tavoli/tavoli/data/vote"
)

// TestSeedMeetings seeds the demo district and reads its meetings back: every session, with the
// records and times the dataset gave them, and the open session of forty people whose quorum holds.
func TestSeedMeetings(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	ds := seedDemo(t, s, 1)
	list, err := s.Sessions(ctx, data.SessionFilter{})
	must(t, "Sessions", err)
	if len(list) != len(ds.Sessions) {
		t.Fatalf("Sessions() = %d, want %d", len(list), len(ds.Sessions))
	}
	want := map[string]data.Session{}
	for _, x := range ds.Sessions {
		want[x.ID] = x
	}
	var big []data.SessionView
	counts := map[string]int{}
	for _, v := range list {
		w := want[v.ID]
		// The store keeps the dataset's times: the demo's documents are dated as its meetings were.
		if !v.Created.Equal(w.Created) || !v.Updated.Equal(w.Updated) || !v.Date.Equal(w.Date) ||
			!v.Started.Equal(w.Started) || !v.Ended.Equal(w.Ended) || v.Status != w.Status {
			t.Errorf("session %s read back as %+v, want %+v", v.ID, v.Session, w)
		}
		if v.Present == 40 && v.Items == 10 {
			big = append(big, v)
		}
		d, err := s.Dossier(ctx, v.ID)
		must(t, "Dossier", err)
		counts["decisions"] += len(d.Decisions)
		counts["actions"] += len(d.Actions)
		counts["proposals"] += len(d.Proposals)
		counts["agenda"] += len(d.Agenda)
		if d.Session.Status != data.SessionChiusa {
			continue
		}
		// Every meeting held could decide: its quorum held when it opened.
		q := vote.CheckQuorum(d.Body.Rules, d.Session.Call, d.VoteSeats(), data.PresentSeats(d.Register, d.Session.Started))
		if !q.Holds {
			t.Errorf("%s of %v: quorum %+v does not hold at the start", d.Body.Name, d.Session.Date, q)
		}
		if d.Changed.Before(d.Session.Updated) || d.Changed.After(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s of %v: dossier changed %v, want a time of the demo", d.Body.Name, d.Session.Date, d.Changed)
		}
	}
	for what, n := range map[string]int{"decisions": len(ds.Decisions), "actions": len(ds.Actions),
		"proposals": len(ds.Proposals), "agenda": len(ds.Agenda)} {
		if counts[what] != n {
			t.Errorf("%s in the dossiers = %d, want %d", what, counts[what], n)
		}
	}
	if len(big) != 1 || big[0].BodyKind != data.BodyTavoloTematico {
		t.Fatalf("sessions with 40 present and 10 items = %+v, want one of a Tavolo tematico", big)
	}

	d, err := s.Dossier(ctx, big[0].ID)
	must(t, "Dossier(big session)", err)
	present := 0
	held := map[string]string{}
	for _, l := range d.Register {
		if l.Presence == data.PresencePresente && l.PersonID != "" {
			present++
			if l.SeatID == "" {
				continue
			}
			if other, ok := held[l.SeatID]; ok {
				t.Errorf("seat %s held by %s and %s", l.SeatName, other, l.PersonName)
			}
			held[l.SeatID] = l.PersonName
		}
	}
	if present != 40 || len(d.Agenda) != 10 || d.Session.Ended.Sub(d.Session.Started) != 3*time.Hour {
		t.Errorf("big session: %d present, %d items, %v long; want 40, 10, 3h", present, len(d.Agenda),
			d.Session.Ended.Sub(d.Session.Started))
	}
	q := vote.CheckQuorum(d.Body.Rules, d.Session.Call, d.VoteSeats(), data.PresentSeats(d.Register, d.Session.Started))
	if !q.Holds || q.Present < q.Required {
		t.Errorf("big session quorum = %+v, want it to hold", q)
	}
	if d.PresidentName == "" || d.SecretaryName == "" || d.AreaName == "" || d.Previous == nil || len(d.Proposals) < 10 {
		t.Errorf("big session dossier: president %q, secretary %q, area %q, previous %v, %d proposals",
			d.PresidentName, d.SecretaryName, d.AreaName, d.Previous, len(d.Proposals))
	}
}

// TestSeedMeetingsChecked seeds meetings that break what the store's Save methods enforce: each is
// refused and nothing is written.
func TestSeedMeetingsChecked(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		spoil func(ds *data.Dataset)
		code  data.Code
		key   string
	}{
		{"session without a date", func(ds *data.Dataset) { ds.Sessions[0].Date = time.Time{} },
			data.EInvalid, "err.session.date_required"},
		{"agenda item without a title", func(ds *data.Dataset) { ds.Agenda[0].Title = " " },
			data.EInvalid, "err.agenda.title_required"},
		{"decision on another session's item", func(ds *data.Dataset) {
			ds.Decisions[0].AgendaItemID = ds.Agenda[len(ds.Agenda)-1].ID
		}, data.ENotFound, "err.ref.missing"},
		{"seat of another body", func(ds *data.Dataset) {
			a := firstSeated(ds)
			ds.Attendance[a].SeatID = ds.Seats[len(ds.Seats)-1].ID
		}, data.EInvalid, "err.register.seat_other_body"},
		{"one seat held by two people", func(ds *data.Dataset) {
			a := firstSeated(ds)
			extra := ds.Attendance[a]
			extra.ID, extra.PersonID = "00000000-0000-4000-8000-00000000aaaa", ds.People[len(ds.People)-1].ID
			ds.Attendance = append(ds.Attendance, extra)
		}, data.EConflict, "err.register.seat_taken"},
		{"the same line twice", func(ds *data.Dataset) {
			extra := ds.Attendance[0]
			extra.ID = "00000000-0000-4000-8000-00000000bbbb"
			ds.Attendance = append(ds.Attendance, extra)
		}, data.EConflict, "err.register.duplicate"},
		{"proposal without a title", func(ds *data.Dataset) { ds.Proposals[0].Title = "" },
			data.EInvalid, "err.proposal.title_required"},
		{"verbale with a hash but no PDF", func(ds *data.Dataset) {
			ds.Verbali[approve(ds)].PDF, ds.Verbali[approve(ds)].SHA256 = nil, hex.EncodeToString(make([]byte, 32))
		}, data.EInvalid, "err.verbale.empty"},
		{"verbale whose hash is not its PDF's", func(ds *data.Dataset) {
			ds.Verbali[approve(ds)].SHA256 = hex.EncodeToString(make([]byte, 32))
		}, data.ECorrupt, "err.db.corrupt"},
		{"verbale of a session not approved", func(ds *data.Dataset) {
			approve(ds)
			ds.Sessions[0].Status = data.SessionChiusa
		}, data.EInvalid, "err.verbale.wrong_session"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds, err := demo.Trasimeno(1)
			must(t, "demo.Trasimeno", err)
			tc.spoil(&ds)
			s := openTest(t)
			wantErr(t, "Seed", s.Seed(ctx, ds), tc.code, tc.key)
			if empty, err := s.IsEmpty(ctx); err != nil || !empty {
				t.Errorf("IsEmpty() after a refused Seed = %v, %v; want true", empty, err)
			}
		})
	}
}

// TestSeedVerbale seeds an approved session with its verbale: the PDF is kept byte for byte and its
// hash is the one of those bytes.
func TestSeedVerbale(t *testing.T) {
	ctx := context.Background()
	ds, err := demo.Trasimeno(1)
	must(t, "demo.Trasimeno", err)
	approve(&ds)
	s := openTest(t)
	must(t, "Seed", s.Seed(ctx, ds))
	v, err := s.Verbale(ctx, ds.Sessions[0].ID)
	must(t, "Verbale", err)
	sum := sha256.Sum256(v.PDF)
	if string(v.PDF) != "%PDF-1.7 verbale" || v.SHA256 != hex.EncodeToString(sum[:]) || v.ApprovedInID != ds.Sessions[0].ApprovedInID {
		t.Errorf("Verbale() = %q, %s, approved in %s", v.PDF, v.SHA256, v.ApprovedInID)
	}
	sess, err := s.Session(ctx, ds.Sessions[0].ID)
	must(t, "Session", err)
	if sess.Status != data.SessionApprovata {
		t.Errorf("approved session read back as %s", sess.Status)
	}
}

// approve gives the verbale of the dataset's first session, which the demo approves at the body's
// next session, PDF bytes of its own, whose hash the seed works out; it returns the verbale's index.
func approve(ds *data.Dataset) int {
	for i := range ds.Verbali {
		if ds.Verbali[i].SessionID == ds.Sessions[0].ID {
			ds.Verbali[i].PDF = []byte("%PDF-1.7 verbale")
			ds.Verbali[i].SHA256 = ""
			return i
		}
	}
	panic("the demo's first session has no verbale")
}

// firstSeated is the index of the first register line of someone present holding a seat.
func firstSeated(ds *data.Dataset) int {
	for i, a := range ds.Attendance {
		if a.SeatID != "" && a.Presence == data.PresencePresente {
			return i
		}
	}
	panic("the demo has no seated member present")
}

// TestSeedRendersApprovedVerbali: the demo's approved verbali are rendered when seeded, from the data
// approved: each stored PDF is what its dossier renders, says how it was approved, and is no draft.
func TestSeedRendersApprovedVerbali(t *testing.T) {
	ctx := context.Background()
	ds, err := demo.Trasimeno(1)
	must(t, "demo.Trasimeno", err)
	s := openTest(t)
	must(t, "Seed", s.Seed(ctx, ds))
	list, err := s.Sessions(ctx, data.SessionFilter{Status: data.SessionApprovata})
	must(t, "Sessions(approvata)", err)
	if len(list) < 10 {
		t.Fatalf("approved sessions in the demo = %d, want every held one but each body's last", len(list))
	}
	for _, x := range list {
		v, err := s.Verbale(ctx, x.ID)
		must(t, "Verbale", err)
		d, err := s.Dossier(ctx, x.ID)
		must(t, "Dossier", err)
		again, err := report.Verbale(d)
		must(t, "report.Verbale", err)
		if !bytes.Equal(again, v.PDF) {
			t.Errorf("verbale of %v: the stored PDF is not what its approved data renders", x.Date)
		}
		if d.Approval == nil || d.Number < 1 {
			t.Errorf("verbale of %v: approval %v, number %d; want the vote and a number", x.Date, d.Approval, d.Number)
		}
	}
	// One of them read as a mayor would.
	v, err := s.Verbale(ctx, list[len(list)-1].ID)
	must(t, "Verbale", err)
	path := filepath.Join(t.TempDir(), "approvato.pdf")
	must(t, "WriteFile", os.WriteFile(path, v.PDF, 0o644))
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	must(t, "pdftotext (poppler-utils, which the README installs)", err)
	text := strings.Join(strings.Fields(string(out)), " ")
	if !strings.Contains(text, "Verbale approvato dall'Ufficio di Piano ") || !strings.Contains(text, "all'unanimità dei") ||
		!strings.Contains(text, "VERBALE N. 1/2025") || strings.Contains(text, "BOZZA") {
		t.Errorf("the first approved verbale reads %q; want it numbered, approved by a vote, no BOZZA", text)
	}
}
