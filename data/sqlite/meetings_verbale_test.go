package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
)

// verbalePDF stands for the PDF of a verbale: bytes that are not text, to check they come back exact.
func verbalePDF() []byte {
	return []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\x00\x01\xfe\xff stream\r\n%%EOF\n")
}

// closedMarch fills march with a record of each kind, holds it (chiusa) and opens april (in corso): the
// state in which april's first item approves march's verbale.
type closedMarch struct {
	*meeting
	item     data.AgendaItem // march's second item
	line     data.Attendance
	decision data.Decision
	action   data.ActionItem
	proposal data.Proposal
}

func newClosedMarch(t testing.TB) *closedMarch {
	t.Helper()
	c := &closedMarch{meeting: newMeeting(t)}
	id := c.march.ID
	c.item = c.addItem(t, id, "Piano di Zona")
	c.clock.set(meetDay(3, 12, 15, 0))
	c.move(t, id, data.SessionConvocata, data.SessionInCorso)
	c.line = c.putAttendance(t, data.Attendance{SessionID: id, PersonID: c.rossi.ID, SeatID: c.seatRossi.ID,
		Presence: data.PresencePresente, Arrived: meetDay(3, 12, 15, 0)})
	var err error
	c.decision, err = c.s.SaveDecision(c.ctx, data.Decision{SessionID: id, AgendaItemID: c.item.ID, Text: "Approvato."})
	must(t, "SaveDecision", err)
	c.action, err = c.s.SaveActionItem(c.ctx, data.ActionItem{SessionID: id, AgendaItemID: c.item.ID, Who: "UdP",
		What: "Mappa dei servizi"})
	must(t, "SaveActionItem", err)
	c.proposal, err = c.s.SaveProposal(c.ctx, data.Proposal{SessionID: id, AgendaItemID: c.item.ID,
		AreaID: c.anziani.ID, Kind: data.KindIpotesi, Title: "Trasporto sociale"})
	must(t, "SaveProposal", err)
	c.clock.set(meetDay(3, 12, 17, 0))
	c.move(t, id, data.SessionChiusa)
	c.clock.set(meetDay(4, 9, 15, 0))
	c.move(t, c.april.ID, data.SessionConvocata, data.SessionInCorso)
	// April has its numero legale (two seats of three), so that it can approve.
	for _, x := range []struct{ person, seat string }{{c.rossi.ID, c.seatRossi.ID}, {c.bianchi.ID, c.seatBianchi.ID}} {
		c.putAttendance(t, data.Attendance{SessionID: c.april.ID, PersonID: x.person, SeatID: x.seat,
			Presence: data.PresencePresente, Arrived: meetDay(4, 9, 15, 0)})
	}
	return c
}

func (c *closedMarch) approval(t testing.TB) data.Approval {
	t.Helper()
	return data.Approval{SessionID: c.march.ID, InSessionID: c.april.ID, AgendaItemID: c.agenda(t, c.april.ID)[0].ID,
		Decision: "Il verbale della seduta del 12 marzo 2027 è approvato all'unanimità."}
}

func (c *closedMarch) approve(t testing.TB) data.Verbale {
	t.Helper()
	v, err := c.s.ApproveVerbale(c.ctx, c.approval(t))
	must(t, "ApproveVerbale", err)
	return v
}

// snapshot is every stored row of a session and of its records, tombstones included, as text.
func (c *closedMarch) snapshot(t testing.TB, sessionID string) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT id || updated || deleted || status || started || ended FROM sessions WHERE id = ?`,
		`SELECT id || updated || deleted || position || title || notes || spent_ms || done FROM agenda_items WHERE session_id = ? ORDER BY id`,
		`SELECT id || updated || deleted || presence || arrived || left_at FROM attendance WHERE session_id = ? ORDER BY id`,
		`SELECT id || updated || deleted || text FROM decisions WHERE session_id = ? ORDER BY id`,
		`SELECT id || updated || deleted || what || done FROM action_items WHERE session_id = ? ORDER BY id`,
		`SELECT id || updated || deleted || title || state FROM proposals WHERE session_id = ? ORDER BY id`,
		`SELECT id || updated || deleted || sha256 || hex(pdf) FROM verbali WHERE session_id = ? ORDER BY id`,
	} {
		rows, err := c.s.db.Query(q, sessionID)
		must(t, "snapshot", err)
		for rows.Next() {
			var s string
			must(t, "snapshot scan", rows.Scan(&s))
			b.WriteString(s + "\n")
		}
		must(t, "snapshot rows", rows.Err())
		rows.Close()
	}
	return b.String()
}

func TestMeetingApproveVerbaleRefused(t *testing.T) {
	c := newClosedMarch(t)
	feb := c.session(t, c.tavolo.ID, meetDay(2, 5, 15, 0))
	c.move(t, feb.ID, data.SessionConvocata, data.SessionInCorso)
	mayors := c.session(t, c.sindaci.ID, meetDay(4, 10, 15, 0))
	c.move(t, mayors.ID, data.SessionConvocata, data.SessionInCorso)
	may := c.session(t, c.tavolo.ID, meetDay(5, 7, 15, 0))
	c.move(t, may.ID, data.SessionConvocata)
	june := c.session(t, c.tavolo.ID, meetDay(6, 4, 15, 0))
	c.move(t, june.ID, data.SessionConvocata, data.SessionInCorso)
	ok := c.approval(t)
	with := func(f func(*data.Approval)) data.Approval { a := ok; f(&a); return a }
	tests := []struct {
		name string
		a    data.Approval
		code data.Code
		key  string
	}{
		{"a contrario not present", with(func(a *data.Approval) { a.Contrari = []string{c.seatGirasole.ID} }),
			data.EInvalid, "err.approval.seat"},
		{"a seat both contrario and astenuto", with(func(a *data.Approval) {
			a.Contrari, a.Astenuti = []string{c.seatRossi.ID}, []string{c.seatRossi.ID}
		}), data.EInvalid, "err.approval.seat"},
		{"a vote that does not approve", with(func(a *data.Approval) { a.Contrari = []string{c.seatRossi.ID, c.seatBianchi.ID} }),
			data.EInvalid, "err.approval.rejected"},
		{"a tie", with(func(a *data.Approval) { a.Totals = &data.ApprovalTotals{Favorevoli: 1, Contrari: 1} }),
			data.EInvalid, "err.approval.rejected"},
		{"more hands than seats present", with(func(a *data.Approval) { a.Totals = &data.ApprovalTotals{Favorevoli: 3} }),
			data.EInvalid, "err.vote.too_many"},
		{"no hands", with(func(a *data.Approval) { a.Totals = &data.ApprovalTotals{} }), data.EInvalid, "err.approval.totals"},
		{"the approved session not closed", with(func(a *data.Approval) { a.SessionID, a.InSessionID = c.april.ID, june.ID }),
			data.EInvalid, "err.verbale.not_closed"},
		{"a session of another body", with(func(a *data.Approval) { a.InSessionID = mayors.ID }), data.EInvalid,
			"err.verbale.wrong_session"},
		{"an earlier session", with(func(a *data.Approval) { a.InSessionID = feb.ID }), data.EInvalid,
			"err.verbale.wrong_session"},
		{"the session itself", with(func(a *data.Approval) { a.InSessionID = c.march.ID }), data.EInvalid,
			"err.verbale.wrong_session"},
		{"an approving session not in corso", with(func(a *data.Approval) { a.InSessionID = may.ID }), data.EInvalid,
			"err.session.not_running"},
		{"an item of another session", with(func(a *data.Approval) { a.AgendaItemID = c.item.ID }), data.ENotFound,
			"err.ref.missing"},
		{"an unknown session", with(func(a *data.Approval) { a.SessionID = "nope" }), data.ENotFound, sessionMissing},
		{"an unknown approving session", with(func(a *data.Approval) { a.InSessionID = "nope" }), data.ENotFound,
			sessionMissing},
	}
	before := c.snapshot(t, c.march.ID) + c.snapshot(t, c.april.ID)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.s.ApproveVerbale(c.ctx, tt.a)
			wantErr(t, "ApproveVerbale("+tt.name+")", err, tt.code, tt.key)
		})
	}
	if after := c.snapshot(t, c.march.ID) + c.snapshot(t, c.april.ID); after != before {
		t.Errorf("after refused approvals:\n%s\nwant\n%s", after, before)
	}
	for _, table := range []string{"verbali", "votes", "vote_ballots"} {
		if n := rowCount(t, c.s, table, "1"); n != 0 {
			t.Errorf("%s after refused approvals = %d, want 0", table, n)
		}
	}
	// Without an item or a decision the approval is still recorded, with the decision it always says.
	a := ok
	a.AgendaItemID, a.Decision = "", ""
	_, err := c.s.ApproveVerbale(c.ctx, a)
	must(t, "ApproveVerbale(no item, no decision)", err)
	if n := rowCount(t, c.s, "decisions", "session_id = ? AND text = ?", c.april.ID,
		"Il verbale della seduta del 12/03/2027 è approvato."); n != 1 {
		t.Errorf("decisions of april after an approval without text = %d, want the default one", n)
	}
}

// TestMeetingApproveVerbaleNoQuorum: a session without its numero legale approves nothing, whoever asks.
func TestMeetingApproveVerbaleNoQuorum(t *testing.T) {
	c := newClosedMarch(t)
	lines, err := c.s.Register(c.ctx, c.april.ID)
	must(t, "Register", err)
	for _, l := range lines {
		if l.Recorded() && l.PersonID == c.bianchi.ID {
			_, err := c.s.db.Exec(`UPDATE attendance SET presence = 'assente' WHERE id = ?`, l.ID)
			must(t, "bianchi absent", err)
		}
	}
	before := c.snapshot(t, c.march.ID) + c.snapshot(t, c.april.ID)
	_, err = c.s.ApproveVerbale(c.ctx, c.approval(t))
	wantErr(t, "ApproveVerbale(1 of 3 present)", err, data.EInvalid, "err.verbale.no_quorum")
	if after := c.snapshot(t, c.march.ID) + c.snapshot(t, c.april.ID); after != before {
		t.Errorf("after a refused approval:\n%s\nwant\n%s", after, before)
	}
}

func TestMeetingApproveVerbale(t *testing.T) {
	c := newClosedMarch(t)
	c.clock.set(meetDay(4, 9, 15, 5))
	a := c.approval(t)
	a.Astenuti = []string{c.seatBianchi.ID}
	v, err := c.s.ApproveVerbale(c.ctx, a)
	must(t, "ApproveVerbale", err)
	sum := sha256.Sum256(v.PDF)
	if v.SessionID != c.march.ID || v.ApprovedInID != c.april.ID || !v.Approved.Equal(meetDay(4, 9, 15, 5)) ||
		v.SHA256 != hex.EncodeToString(sum[:]) || !bytes.HasPrefix(v.PDF, []byte("%PDF-")) || v.ID == "" {
		t.Errorf("ApproveVerbale = %+v, want march approved in april at 15:05 with the PDF's SHA-256", v)
	}
	if len(v.SHA256) != 64 || strings.ToLower(v.SHA256) != v.SHA256 {
		t.Errorf("ApproveVerbale.SHA256 = %q, want 64 lowercase hex digits", v.SHA256)
	}
	got, err := c.s.Verbale(c.ctx, c.march.ID)
	must(t, "Verbale", err)
	if !bytes.Equal(got.PDF, v.PDF) || got.SHA256 != v.SHA256 || !got.Approved.Equal(v.Approved) ||
		got.ApprovedInID != c.april.ID || got.ID != v.ID {
		t.Errorf("Verbale(march) = %+v, want the bytes approved", got)
	}
	// The approval is a vote on april's first item: open, closed, one ballot per seat present.
	votes, err := c.s.Votes(c.ctx, c.april.ID)
	must(t, "Votes(april)", err)
	if len(votes) != 1 || votes[0].Method != data.MethodMotion || votes[0].Secret || votes[0].Status != data.VoteChiusa ||
		votes[0].Subject != "Approvazione del verbale della seduta del 12/03/2027" {
		t.Fatalf("Votes(april) = %+v, want the closed motion approving march", votes)
	}
	bs, _, err := c.s.Ballots(c.ctx, votes[0].ID)
	must(t, "Ballots", err)
	choices := map[string]string{}
	for _, b := range bs {
		choices[b.Voter] = b.Choice
	}
	if want := map[string]string{c.seatRossi.ID: "favorevole", c.seatBianchi.ID: "astenuto"}; fmt.Sprint(choices) != fmt.Sprint(want) {
		t.Errorf("ballots of the approval = %v, want %v", choices, want)
	}
	var voteOf string
	must(t, "decision's vote", c.s.db.QueryRow(`SELECT vote_id FROM decisions WHERE id = ?`, got.DecisionID).Scan(&voteOf))
	if voteOf != votes[0].ID {
		t.Errorf("the approval's decision names vote %q, want %q", voteOf, votes[0].ID)
	}
	d, err := c.s.Dossier(c.ctx, c.march.ID)
	must(t, "Dossier(march)", err)
	if d.Number != 1 || d.Approval == nil || d.Approval.Vote.ID != votes[0].ID || len(d.Approval.Ballots) != 2 {
		t.Errorf("Dossier(march) number %d, approval %+v; want n. 1 approved by the vote", d.Number, d.Approval)
	}
	// What the approved PDF says is the data approved: rendering the dossier now gives the same bytes.
	again, err := report.Verbale(d)
	must(t, "Verbale(dossier)", err)
	if !bytes.Equal(again, got.PDF) {
		t.Errorf("the stored verbale differs from the one its data renders (%d bytes, %d bytes)", len(got.PDF), len(again))
	}

	s, err := c.s.Session(c.ctx, c.march.ID)
	must(t, "Session(march)", err)
	if s.Status != data.SessionApprovata || s.ApprovedInID != c.april.ID || !s.Status.Locked() {
		t.Errorf("Session(march) = %s approved in %q, want approvata in april", s.Status, s.ApprovedInID)
	}
	first := c.agenda(t, c.april.ID)[0]
	if !first.Done {
		t.Errorf("april's first item Done = false, want true after approving the verbale")
	}
	in, err := c.s.Session(c.ctx, c.april.ID)
	must(t, "Session(april)", err)
	if in.Status != data.SessionInCorso {
		t.Errorf("Session(april).Status = %s, want in_corso", in.Status)
	}
	var text, item string
	err = c.s.db.QueryRow(`SELECT text, agenda_item_id FROM decisions WHERE id = ?`, got.DecisionID).Scan(&text, &item)
	must(t, "april's decision", err)
	if text != a.Decision || item != first.ID {
		t.Errorf("april's decision = %q on %s, want %q on the first item", text, item, a.Decision)
	}
	list, err := c.s.Sessions(c.ctx, data.SessionFilter{Status: data.SessionApprovata})
	must(t, "Sessions(approvata)", err)
	if len(list) != 1 || list[0].ID != c.march.ID {
		t.Errorf("Sessions(approvata) = %+v, want march", list)
	}

	_, err = c.s.Verbale(c.ctx, c.april.ID)
	wantErr(t, "Verbale(april)", err, data.ENotFound, "err.verbale.none")
	_, err = c.s.ApproveVerbale(c.ctx, c.approval(t))
	wantErr(t, "ApproveVerbale(again)", err, data.ELocked, "err.session.locked")
}

func TestMeetingApprovedLocked(t *testing.T) {
	c := newClosedMarch(t)
	c.approve(t)
	id := c.march.ID
	c.clock.add(time.Hour)
	sess, err := c.s.Session(c.ctx, id)
	must(t, "Session", err)
	items := c.agenda(t, id)
	var verbaleID string
	must(t, "verbale id", c.s.db.QueryRow(`SELECT id FROM verbali WHERE session_id = ?`, id).Scan(&verbaleID))
	edited := func(it data.AgendaItem) data.AgendaItem { it.Notes = "aggiunta"; return it }
	decision, action, proposal, line := c.decision, c.action, c.proposal, c.line
	decision.Text, action.Done, proposal.State, line.Presence = "Respinto.", true, data.StateRespinta, data.PresenceAssente

	locked := "err.session.locked"
	tests := []struct {
		name string
		do   func() error
		key  string
	}{
		{"SaveSession", func() error { s := sess.Session; s.Place = "Altrove"; _, err := c.s.SaveSession(c.ctx, s); return err }, locked},
		{"SaveAgendaItem new", func() error {
			_, err := c.s.SaveAgendaItem(c.ctx, data.AgendaItem{SessionID: id, Title: "Aggiunta"})
			return err
		}, locked},
		{"SaveAgendaItem update", func() error { _, err := c.s.SaveAgendaItem(c.ctx, edited(items[1])); return err }, locked},
		{"MoveAgendaItem", func() error { return c.s.MoveAgendaItem(c.ctx, items[1].ID, 1) }, locked},
		{"SaveAttendance new", func() error {
			_, err := c.s.SaveAttendance(c.ctx, data.Attendance{SessionID: id, PersonID: c.neri.ID,
				Presence: data.PresencePresente})
			return err
		}, locked},
		{"SaveAttendance update", func() error { _, err := c.s.SaveAttendance(c.ctx, line); return err }, locked},
		{"StampLeft", func() error { _, err := c.s.StampLeft(c.ctx, c.line.ID, true); return err }, locked},
		{"SaveDecision new", func() error {
			_, err := c.s.SaveDecision(c.ctx, data.Decision{SessionID: id, Text: "Aggiunta."})
			return err
		}, locked},
		{"SaveDecision update", func() error { _, err := c.s.SaveDecision(c.ctx, decision); return err }, locked},
		{"SaveActionItem new", func() error {
			_, err := c.s.SaveActionItem(c.ctx, data.ActionItem{SessionID: id, Who: "UdP", What: "Altro"})
			return err
		}, locked},
		{"SaveActionItem update", func() error { _, err := c.s.SaveActionItem(c.ctx, action); return err }, locked},
		{"SaveProposal new", func() error {
			_, err := c.s.SaveProposal(c.ctx, data.Proposal{SessionID: id, AreaID: c.anziani.ID, Kind: data.KindStrategia,
				Title: "Aggiunta"})
			return err
		}, locked},
		{"SaveProposal update", func() error { _, err := c.s.SaveProposal(c.ctx, proposal); return err }, locked},
		{"SetStatus in_corso", func() error { _, err := c.s.SetStatus(c.ctx, id, data.SessionInCorso); return err }, locked},
		{"SetStatus chiusa", func() error { _, err := c.s.SetStatus(c.ctx, id, data.SessionChiusa); return err }, locked},
		{"SetStatus approvata", func() error { _, err := c.s.SetStatus(c.ctx, id, data.SessionApprovata); return err }, locked},
		{"SetCurrentItem", func() error { _, err := c.s.SetCurrentItem(c.ctx, id, items[1].ID); return err }, locked},
		{"ApproveVerbale again", func() error { _, err := c.s.ApproveVerbale(c.ctx, c.approval(t)); return err }, locked},
		{"Dependents of the session", func() error {
			_, err := c.s.Dependents(c.ctx, data.Ref{Kind: data.KindSession, ID: id})
			return err
		}, locked},
		{"Delete the verbale", func() error {
			_, err := c.s.Delete(c.ctx, data.Ref{Kind: data.KindVerbale, ID: verbaleID})
			return err
		}, "err.verbale.locked"},
	}
	for _, r := range []data.Ref{{Kind: data.KindSession, ID: id}, {Kind: data.KindAgendaItem, ID: items[0].ID},
		{Kind: data.KindAgendaItem, ID: c.item.ID}, {Kind: data.KindAttendance, ID: c.line.ID},
		{Kind: data.KindDecision, ID: c.decision.ID}, {Kind: data.KindActionItem, ID: c.action.ID},
		{Kind: data.KindProposal, ID: c.proposal.ID}} {
		tests = append(tests, struct {
			name string
			do   func() error
			key  string
		}{"Delete " + string(r.Kind), func() error { _, err := c.s.Delete(c.ctx, r); return err }, locked})
	}
	before := c.snapshot(t, id)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantErr(t, tt.name+"(approved session)", tt.do(), data.ELocked, tt.key)
		})
	}
	if after := c.snapshot(t, id); after != before {
		t.Errorf("approved session after refused changes:\n%s\nwant\n%s", after, before)
	}
	// The approving session is not locked: its meeting goes on.
	_, err = c.s.SaveDecision(c.ctx, data.Decision{SessionID: c.april.ID, Text: "Si passa al secondo punto."})
	must(t, "SaveDecision(april)", err)
	// Reading is allowed.
	_, err = c.s.Agenda(c.ctx, id)
	must(t, "Agenda(approved)", err)
	d, err := c.s.Dossier(c.ctx, id)
	must(t, "Dossier(approved)", err)
	if d.Session.Status != data.SessionApprovata || len(d.Decisions) != 1 || len(d.Actions) != 1 || len(d.Proposals) != 1 {
		t.Errorf("Dossier(approved) = %s with %d decisions, %d actions, %d proposals, want approvata 1 1 1",
			d.Session.Status, len(d.Decisions), len(d.Actions), len(d.Proposals))
	}
}

// TestMeetingLockedChildMoved: a record of an approved session saved again with another session's id
// (or, for a proposal, with none) leaves the approved act. The lock is checked on the session the caller
// names, not on the one the record belongs to.
func TestMeetingLockedChildMoved(t *testing.T) {
	c := newClosedMarch(t)
	c.approve(t)
	open := c.session(t, c.tavolo.ID, meetDay(5, 7, 15, 0))
	item, decision, action, proposal, line := c.item, c.decision, c.action, c.proposal, c.line
	item.SessionID, decision.SessionID, action.SessionID, line.SessionID = open.ID, open.ID, open.ID, open.ID
	decision.AgendaItemID, action.AgendaItemID = "", ""
	proposal.SessionID, proposal.AgendaItemID = "", ""
	before := c.snapshot(t, c.march.ID)
	for _, tt := range []struct {
		name string
		do   func() error
	}{
		{"SaveAgendaItem", func() error { _, err := c.s.SaveAgendaItem(c.ctx, item); return err }},
		{"SaveDecision", func() error { _, err := c.s.SaveDecision(c.ctx, decision); return err }},
		{"SaveActionItem", func() error { _, err := c.s.SaveActionItem(c.ctx, action); return err }},
		{"SaveProposal", func() error { _, err := c.s.SaveProposal(c.ctx, proposal); return err }},
		{"SaveAttendance", func() error { _, err := c.s.SaveAttendance(c.ctx, line); return err }},
	} {
		wantErr(t, tt.name+"(record of the approved session, moved)", tt.do(), data.ELocked, "err.session.locked")
	}
	if after := c.snapshot(t, c.march.ID); after != before {
		t.Errorf("approved session after moving its records:\n%s\nwant\n%s", after, before)
	}
}

func TestMeetingCorrect(t *testing.T) {
	c := newClosedMarch(t)
	_, err := c.s.Correct(c.ctx, c.march.ID, "Rettifica", meetDay(5, 14, 15, 0))
	wantErr(t, "Correct(not approved)", err, data.EInvalid, "err.correction.not_approved")
	c.approve(t)
	before := c.snapshot(t, c.march.ID)
	orig, err := c.s.Session(c.ctx, c.march.ID)
	must(t, "Session", err)
	verbale, err := c.s.Verbale(c.ctx, c.march.ID)
	must(t, "Verbale", err)

	sessions := rowCount(t, c.s, "sessions", "1")
	_, err = c.s.Correct(c.ctx, c.march.ID, "  ", meetDay(5, 14, 15, 0))
	wantErr(t, "Correct(blank title)", err, data.EInvalid, "err.agenda.title_required")
	if n := rowCount(t, c.s, "sessions", "1"); n != sessions {
		t.Errorf("sessions after a refused correction = %d, want %d", n, sessions)
	}
	_, err = c.s.Correct(c.ctx, "nope", "Rettifica", meetDay(5, 14, 15, 0))
	wantErr(t, "Correct(unknown)", err, data.ENotFound, sessionMissing)

	rome := time.FixedZone("CEST", 2*3600)
	date := time.Date(2027, 5, 14, 17, 0, 0, 0, rome)
	title := "Rettifica del verbale della seduta del 12 marzo 2027"
	corr, err := c.s.Correct(c.ctx, c.march.ID, title, date)
	must(t, "Correct", err)
	if corr.ID == "" || corr.Status != data.SessionBozza || corr.CorrectsID != c.march.ID || corr.BodyID != c.tavolo.ID ||
		corr.Call != data.CallPrima || !corr.Date.Equal(date) || corr.Date.Location() != time.UTC ||
		corr.Place != orig.Place || corr.PresidentID != orig.PresidentID || corr.SecretaryID != orig.SecretaryID ||
		corr.ApprovedInID != "" || !corr.Started.IsZero() {
		t.Errorf("Correct = %+v, want a bozza of the same body linked to march, on %v in UTC", corr, date)
	}
	stored, err := c.s.Session(c.ctx, corr.ID)
	must(t, "Session(correction)", err)
	if stored.CorrectsID != c.march.ID || stored.Status != data.SessionBozza || stored.Items != 3 {
		t.Errorf("Session(correction) = %+v, want a bozza with 3 items correcting march", stored)
	}
	want := "1 " + data.DefaultAgenda[0] + "|2 " + title + "|3 " + data.DefaultAgenda[1]
	if got := titles(c.agenda(t, corr.ID)); got != want {
		t.Errorf("Agenda(correction) = %q, want %q", got, want)
	}
	if after := c.snapshot(t, c.march.ID); after != before {
		t.Errorf("approved session after Correct:\n%s\nwant\n%s", after, before)
	}
	again, err := c.s.Verbale(c.ctx, c.march.ID)
	must(t, "Verbale", err)
	if !bytes.Equal(again.PDF, verbale.PDF) || again.SHA256 != verbale.SHA256 || !again.Updated.Equal(verbale.Updated) {
		t.Errorf("Verbale(march) after Correct = %+v, want %+v", again, verbale)
	}
	// The correction is an ordinary session: it can be edited and convened.
	c.addItem(t, corr.ID, "Allegato")
	c.move(t, corr.ID, data.SessionConvocata)
}

func TestMeetingDeleteSession(t *testing.T) {
	c := newClosedMarch(t)
	id := c.march.ID
	guest := c.putAttendance(t, data.Attendance{SessionID: id, PersonID: c.verdi.ID, Presence: data.PresenceAssente})
	byPost, err := c.s.SaveProposal(c.ctx, data.Proposal{AreaID: c.anziani.ID, Kind: data.KindStrategia, Title: "Per posta"})
	must(t, "SaveProposal(no session)", err)
	// The store lists a session's records by creation: the default items, then the one added.
	items := c.agenda(t, id)
	sort.SliceStable(items, func(i, j int) bool {
		if !items[i].Created.Equal(items[j].Created) {
			return items[i].Created.Before(items[j].Created)
		}
		return items[i].ID < items[j].ID
	})
	wantRefs := []data.Ref{{Kind: data.KindSession, ID: id}}
	for _, it := range items {
		wantRefs = append(wantRefs, data.Ref{Kind: data.KindAgendaItem, ID: it.ID})
	}
	wantRefs = append(wantRefs, data.Ref{Kind: data.KindAttendance, ID: c.line.ID},
		data.Ref{Kind: data.KindAttendance, ID: guest.ID}, data.Ref{Kind: data.KindDecision, ID: c.decision.ID},
		data.Ref{Kind: data.KindActionItem, ID: c.action.ID}, data.Ref{Kind: data.KindProposal, ID: c.proposal.ID})
	deps, err := c.s.Dependents(c.ctx, data.Ref{Kind: data.KindSession, ID: id})
	must(t, "Dependents(session)", err)
	if fmt.Sprint(deps) != fmt.Sprint(wantRefs[1:]) {
		t.Errorf("Dependents(session) = %v, want %v", deps, wantRefs[1:])
	}
	aprilBefore := c.snapshot(t, c.april.ID)

	c.clock.set(meetDay(4, 20, 9, 0))
	refs, err := c.s.Delete(c.ctx, data.Ref{Kind: data.KindSession, ID: id})
	must(t, "Delete(session)", err)
	if fmt.Sprint(refs) != fmt.Sprint(wantRefs) {
		t.Errorf("Delete(session) = %v, want %v", refs, wantRefs)
	}
	for _, r := range wantRefs {
		if st := storedMeta(t, c.s, r.Kind, r.ID); !st.deleted || st.device != "device-test" {
			t.Errorf("stored %s %s after Delete = %+v, want a tombstone", r.Kind, r.ID, st)
		}
	}
	if st := storedMeta(t, c.s, data.KindProposal, byPost.ID); st.deleted {
		t.Errorf("proposal without a session after Delete(session) = deleted, want kept")
	}
	if after := c.snapshot(t, c.april.ID); after != aprilBefore {
		t.Errorf("another session after Delete(session):\n%s\nwant\n%s", after, aprilBefore)
	}
	_, err = c.s.Session(c.ctx, id)
	wantErr(t, "Session(deleted)", err, data.ENotFound, sessionMissing)
	if items := c.agenda(t, id); len(items) != 0 {
		t.Errorf("Agenda(deleted session) = %v, want none", items)
	}
	list, err := c.s.Sessions(c.ctx, data.SessionFilter{})
	must(t, "Sessions", err)
	for _, v := range list {
		if v.ID == id {
			t.Errorf("Sessions() lists the deleted session %s", id)
		}
	}
	_, err = c.s.SaveDecision(c.ctx, data.Decision{SessionID: id, Text: "Dopo."})
	wantErr(t, "SaveDecision(deleted session)", err, data.ENotFound, sessionMissing)
	_, err = c.s.Delete(c.ctx, data.Ref{Kind: data.KindSession, ID: id})
	wantErr(t, "Delete(deleted session)", err, data.ENotFound, "err.record.deleted")

	must(t, "Restore", c.s.Restore(c.ctx, refs))
	for _, r := range wantRefs {
		if st := storedMeta(t, c.s, r.Kind, r.ID); st.deleted {
			t.Errorf("stored %s %s after Restore = %+v, want live", r.Kind, r.ID, st)
		}
	}
	v, err := c.s.Session(c.ctx, id)
	must(t, "Session(restored)", err)
	if v.Status != data.SessionChiusa || v.Items != 3 || v.Present != 1 {
		t.Errorf("Session(restored) = %+v, want chiusa, 3 items, 1 present", v)
	}
	// A restored session can still be approved.
	c.approve(t)

	// Deleting an item takes its decisions and actions; the proposals captured on it stay.
	c2 := newClosedMarch(t)
	refs, err = c2.s.Delete(c2.ctx, data.Ref{Kind: data.KindAgendaItem, ID: c2.item.ID})
	must(t, "Delete(item)", err)
	want := fmt.Sprint([]data.Ref{{Kind: data.KindAgendaItem, ID: c2.item.ID}, {Kind: data.KindDecision, ID: c2.decision.ID},
		{Kind: data.KindActionItem, ID: c2.action.ID}})
	if fmt.Sprint(refs) != want {
		t.Errorf("Delete(item) = %v, want %v", refs, want)
	}
}

// TestMeetingReopen closes a database with meetings in it and opens it again: everything is there.
func TestMeetingReopen(t *testing.T) {
	c := newClosedMarch(t)
	v := c.approve(t)
	corr, err := c.s.Correct(c.ctx, c.march.ID, "Rettifica", meetDay(5, 14, 15, 0))
	must(t, "Correct", err)
	read := func(s *Store) string {
		var b strings.Builder
		list, err := s.Sessions(c.ctx, data.SessionFilter{})
		must(t, "Sessions", err)
		fmt.Fprintf(&b, "%+v\n", list)
		for _, x := range list {
			items, err := s.Agenda(c.ctx, x.ID)
			must(t, "Agenda", err)
			fmt.Fprintf(&b, "%+v\n", items)
		}
		got, err := s.Verbale(c.ctx, c.march.ID)
		must(t, "Verbale", err)
		fmt.Fprintf(&b, "%+v %x\n", got.Meta, got.PDF)
		return b.String()
	}
	before := read(c.s)
	snap := c.snapshot(t, c.march.ID) + c.snapshot(t, c.april.ID) + c.snapshot(t, corr.ID)
	must(t, "Close", c.s.Close())

	s := openAt(t, c.path, meetOptions(c.clock))
	c.s = s
	if after := read(s); after != before {
		t.Errorf("after reopening:\n%s\nwant\n%s", after, before)
	}
	if after := c.snapshot(t, c.march.ID) + c.snapshot(t, c.april.ID) + c.snapshot(t, corr.ID); after != snap {
		t.Errorf("rows after reopening:\n%s\nwant\n%s", after, snap)
	}
	got, err := s.Verbale(c.ctx, c.march.ID)
	must(t, "Verbale", err)
	if !bytes.Equal(got.PDF, v.PDF) || got.SHA256 != v.SHA256 {
		t.Errorf("Verbale after reopening = %d bytes %s, want the approved bytes", len(got.PDF), got.SHA256)
	}
	if n := rowCount(t, s, "migrations", "name = ?", "migrations/0003_meetings.sql"); n != 1 {
		t.Errorf("migration 0003 recorded %d times, want 1", n)
	}
	var version int
	must(t, "user_version", s.db.QueryRow(`PRAGMA user_version`).Scan(&version))
	if version != SchemaVersion() {
		t.Errorf("user_version after reopening = %d, want %d", version, SchemaVersion())
	}
	// Still locked after reopening, and the meeting goes on.
	_, err = s.SaveDecision(c.ctx, data.Decision{SessionID: c.march.ID, Text: "Dopo."})
	wantErr(t, "SaveDecision(approved, reopened)", err, data.ELocked, "err.session.locked")
	_, err = s.SetStatus(c.ctx, c.april.ID, data.SessionChiusa)
	must(t, "SetStatus(april chiusa)", err)
}

// TestMeetingUpgradeFrom0002 opens a database made before the meetings (migrations 0001 and 0002):
// migration 0003 is applied, the registry kept, and sessions can be held.
func TestMeetingUpgradeFrom0002(t *testing.T) {
	path := db0002(t)
	clock := &meetClock{t: meetDay(3, 1, 9, 0)}
	s := openAt(t, path, meetOptions(clock))
	var version int
	must(t, "user_version", s.db.QueryRow(`PRAGMA user_version`).Scan(&version))
	if version != SchemaVersion() || rowCount(t, s, "migrations", "1") != SchemaVersion() {
		t.Errorf("user_version after upgrading = %d, want %d with every migration recorded", version, SchemaVersion())
	}
	comuni, err := s.Comuni(context.Background())
	must(t, "Comuni", err)
	if len(comuni) != 1 || comuni[0].Name != "Paciano" || comuni[0].Population != 950 {
		t.Fatalf("Comuni after upgrading = %+v, want Paciano (950)", comuni)
	}
	b, err := s.SaveBody(context.Background(), data.Body{Name: "Tavolo dei Sindaci", Kind: data.BodySindaci,
		Rules: data.DefaultRules(data.BodySindaci)})
	must(t, "SaveBody", err)
	sess, err := s.SaveSession(context.Background(), data.Session{BodyID: b.ID, Call: data.CallPrima, Date: meetDay(3, 20, 17, 0)})
	must(t, "SaveSession", err)
	items, err := s.Agenda(context.Background(), sess.ID)
	must(t, "Agenda", err)
	if len(items) != 2 {
		t.Errorf("Agenda(first session after upgrading) = %v, want the 2 default items", items)
	}
}

// db0002 writes a database as Tavoli left it before the meetings: migrations 0001 and 0002 applied the
// way migrate applies them, and one comune.
func db0002(t *testing.T) string {
	t.Helper()
	names := migrationNames()
	if len(names) < 3 || names[2] != "migrations/0003_meetings.sql" {
		t.Fatalf("migrationNames() = %v, want 0003_meetings third", names)
	}
	const then = "2026-01-10T09:00:00.000000000Z"
	stmts := []string{`CREATE TABLE migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL) STRICT`}
	for i, name := range names[:2] {
		body, err := migrationFS.ReadFile(name)
		must(t, "ReadFile("+name+")", err)
		stmts = append(stmts, string(body),
			fmt.Sprintf(`INSERT INTO migrations (name, applied) VALUES ('%s', '%s')`, name, then),
			fmt.Sprintf(`PRAGMA user_version = %d`, i+1))
	}
	stmts = append(stmts, fmt.Sprintf(`PRAGMA application_id = %d`, ApplicationID),
		`INSERT INTO comuni (id, created, updated, device, name, population, population_approx)
			VALUES ('c-paciano', '`+then+`', '`+then+`', 'old-device', 'Paciano', 950, 1)`)
	path := filepath.Join(t.TempDir(), "tavoli.db")
	rawExec(t, path, stmts...)
	return path
}

// TestMeetingApprovingSessionKept: the session whose first item approved a verbale holds the record of
// that approval (the decision, the verbale's approved_in_id). Deleting it leaves an approved verbale
// pointing at a tombstone.
func TestMeetingApprovingSessionKept(t *testing.T) {
	c := newClosedMarch(t)
	c.approve(t)
	_, err := c.s.Delete(c.ctx, data.Ref{Kind: data.KindSession, ID: c.april.ID})
	if code := data.ErrorCode(err); code != data.ELocked && code != data.EConflict {
		t.Errorf("Delete(approving session) = %v, want a locked or conflict error", err)
	}
}

// TestMeetingApprovedRegisterKept: the register of an approved session is built from the body's seats
// and members as they are now, so deleting a seat later changes what the approved session's dossier
// says about who held which seat (the PDF stays; the quorum and documents rebuilt from it do not).
func TestMeetingApprovedRegisterKept(t *testing.T) {
	c := newClosedMarch(t)
	c.approve(t)
	before, err := c.s.Register(c.ctx, c.march.ID)
	must(t, "Register", err)
	_, err = c.s.Delete(c.ctx, data.Ref{Kind: data.KindSeat, ID: c.seatRossi.ID})
	if data.ErrorCode(err) == data.ELocked {
		return // refusing the delete keeps the record too
	}
	after, err := c.s.Register(c.ctx, c.march.ID)
	must(t, "Register", err)
	if registerText(after) != registerText(before) {
		t.Errorf("Register(approved) after deleting a seat =\n%s\nwant\n%s", registerText(after), registerText(before))
	}
}

// TestMeetingApprovalBlankDecision: a blank decision text never becomes a decision with no text.
func TestMeetingApprovalBlankDecision(t *testing.T) {
	c := newClosedMarch(t)
	a := c.approval(t)
	a.Decision = "   "
	_, err := c.s.ApproveVerbale(c.ctx, a)
	must(t, "ApproveVerbale(blank decision)", err)
	if n := rowCount(t, c.s, "decisions", "session_id = ? AND trim(text) = ''", c.april.ID); n != 0 {
		t.Errorf("decisions with no text after ApproveVerbale(blank decision) = %d, want 0", n)
	}
}
