package sqlite

import (
	"math"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// officeOperator is the name the Ufficio di Piano's computer gives its operator in these tests.
const officeOperator = "Chiara Lombardi"

// office is the meeting fixture as the Ufficio di Piano finds it: this computer's operator set, the
// March session of the Tavolo tematico Anziani in corso with Rossi and Bianchi on their seats (so that
// priority votes can be held in it), and a Tavolo Alto della Concertazione whose three seats are held
// by Rossi, Bianchi and Verdi.
type office struct {
	*meeting
	alto                              data.Body
	altoRossi, altoBianchi, altoVerdi data.Seat
}

func newOffice(t *testing.T) *office {
	t.Helper()
	o := &office{meeting: newMeeting(t)}
	must(t, "RegisterDevice", o.s.RegisterDevice(o.ctx, "PC Ufficio di Piano", officeOperator))
	var err error
	o.alto, err = o.s.SaveBody(o.ctx, data.Body{Name: "Tavolo Alto della Concertazione", Kind: data.BodyTavoloAlto,
		Rules: data.DefaultRules(data.BodyTavoloAlto), Position: 3})
	must(t, "SaveBody(Tavolo Alto)", err)
	seat := func(p data.Person) data.Seat {
		st, err := o.s.SaveSeat(o.ctx, data.Seat{BodyID: o.alto.ID, PersonID: p.ID})
		must(t, "SaveSeat(Tavolo Alto)", err)
		return st
	}
	o.altoRossi, o.altoBianchi, o.altoVerdi = seat(o.rossi), seat(o.bianchi), seat(o.verdi)
	o.start(t, o.march.ID)
	o.checkIn(t, data.Attendance{SessionID: o.march.ID, PersonID: o.rossi.ID, SeatID: o.seatRossi.ID})
	o.checkIn(t, data.Attendance{SessionID: o.march.ID, PersonID: o.bianchi.ID, SeatID: o.seatBianchi.ID})
	return o
}

// propose records a project idea of the area Anziani made by the office (no session), proposed by
// Rossi for the USL.
func (o *office) propose(t *testing.T, title string) data.Proposal {
	t.Helper()
	return o.save(t, data.Proposal{Title: title, Kind: data.KindIpotesi})
}

// save records a proposal, with the area Anziani, Rossi and the USL unless p says otherwise.
func (o *office) save(t *testing.T, p data.Proposal) data.Proposal {
	t.Helper()
	if p.AreaID == "" {
		p.AreaID = o.anziani.ID
	}
	if p.ProposerID == "" {
		p.ProposerID, p.OrganisationID = o.rossi.ID, o.usl.ID
	}
	p, err := o.s.SaveProposal(o.ctx, p)
	must(t, "SaveProposal("+p.Title+")", err)
	return p
}

// get reads a proposal back from the database.
func (o *office) get(t *testing.T, id string) data.ProposalDetail {
	t.Helper()
	d, err := o.s.ProposalDetail(o.ctx, id)
	must(t, "ProposalDetail", err)
	return d
}

// moves takes a proposal through states by hand, one step each, without reasons but for validation and
// approval, which by hand (outside a validation vote) need one.
func (o *office) moves(t *testing.T, id string, to ...data.ProposalState) data.Proposal {
	t.Helper()
	var p data.Proposal
	for _, st := range to {
		reason := ""
		switch st {
		case data.StateValidata, data.StateApprovata:
			reason = "deciso in seduta, verbale agli atti"
		case data.StateRespinta:
			reason = "non rientra nelle risorse del Piano"
		}
		var err error
		p, err = o.s.MoveProposal(o.ctx, id, st, reason)
		must(t, "MoveProposal("+string(st)+")", err)
	}
	return p
}

// pointsVote holds a closed vote of 100 points at the Tavolo tematico on the proposals given: Rossi's
// ballot, then Bianchi's, by proposal id.
func (o *office) pointsVote(t *testing.T, subject string, options []data.Proposal, rossi, bianchi map[string]int) data.Vote {
	t.Helper()
	v := data.Vote{SessionID: o.march.ID, Subject: subject, Method: data.MethodPoints, Rules: o.tavolo.Rules}
	for _, p := range options {
		v.Options = append(v.Options, data.VoteOption{ID: p.ID, Label: p.Title})
	}
	v, err := o.s.OpenVote(o.ctx, v)
	must(t, "OpenVote("+subject+")", err)
	for seat, alloc := range map[string]map[string]int{o.seatRossi.ID: rossi, o.seatBianchi.ID: bianchi} {
		_, err := o.s.SaveBallot(o.ctx, data.VoteBallot{VoteID: v.ID, Voter: seat, Allocation: alloc})
		must(t, "SaveBallot", err)
	}
	v, err = o.s.CloseVote(o.ctx, v.ID)
	must(t, "CloseVote("+subject+")", err)
	return v
}

// heldSession starts a new session of body on date with the people given present on their seats.
func (o *office) heldSession(t *testing.T, bodyID string, date time.Time, present ...data.Attendance) data.Session {
	t.Helper()
	sess := o.session(t, bodyID, date)
	o.start(t, sess.ID)
	for _, a := range present {
		a.SessionID = sess.ID
		o.checkIn(t, a)
	}
	return sess
}

// motion holds a validation vote in sess covering ids, with one ballot per seat (seat id -> choice),
// under the body's rules, and closes it.
func (o *office) motion(t *testing.T, sess data.Session, rules data.Rules, covers []string, choices map[string]string) data.Vote {
	t.Helper()
	v, err := o.s.OpenVote(o.ctx, data.Vote{SessionID: sess.ID, Method: data.MethodMotion,
		Subject: "Validazione dell'elenco delle priorità", Rules: rules, Covers: covers})
	must(t, "OpenVote(validation)", err)
	for seat, c := range choices {
		_, err := o.s.SaveBallot(o.ctx, data.VoteBallot{VoteID: v.ID, Voter: seat, Choice: c})
		must(t, "SaveBallot(validation)", err)
	}
	v, err = o.s.CloseVote(o.ctx, v.ID)
	must(t, "CloseVote(validation)", err)
	return v
}

// wantEvent checks one step of a history.
func wantEvent(t *testing.T, e data.ProposalEvent, action data.EventAction, from, to data.ProposalState, reason string) {
	t.Helper()
	if e.Action != action || e.From != from || e.To != to || e.Reason != reason || e.Operator != officeOperator {
		t.Errorf("event = %s %s→%s %q by %q, want %s %s→%s %q by %q", e.Action, e.From, e.To, e.Reason, e.Operator,
			action, from, to, reason, officeOperator)
	}
}

func TestMoveProposal(t *testing.T) {
	o := newOffice(t)
	a := o.propose(t, "Custode sociale di frazione")
	b := o.propose(t, "Caffè Alzheimer itinerante")

	at := meetDay(5, 4, 10, 0)
	o.clock.set(at)
	p, err := o.s.MoveProposal(o.ctx, a.ID, data.StateInValutazione, "")
	must(t, "MoveProposal(proposta → in_valutazione)", err)
	if p.State != data.StateInValutazione || p.Priority != 0 {
		t.Errorf("MoveProposal = %s, priority %d; want in_valutazione, 0", p.State, p.Priority)
	}

	_, err = o.s.MoveProposal(o.ctx, a.ID, data.StateValidata, "lo chiede il Tavolo Alto")
	wantErr(t, "MoveProposal(in_valutazione → validata)", err, data.EInvalid, "err.move.skip")
	_, err = o.s.MoveProposal(o.ctx, a.ID, data.StateAccorpata, "")
	wantErr(t, "MoveProposal(→ accorpata)", err, data.EInvalid, "err.move.merge_only")
	_, err = o.s.MoveProposal(o.ctx, "00000000-0000-4000-8000-999999999999", data.StateInValutazione, "")
	wantErr(t, "MoveProposal(unknown)", err, data.ENotFound, "err.proposal.missing")
	if got := o.get(t, a.ID); got.State != data.StateInValutazione {
		t.Errorf("after refused moves the proposal is %s, want in_valutazione", got.State)
	}

	// Reaching prioritaria puts a proposal at the end of the priority list.
	o.clock.set(at.Add(time.Hour))
	if p = o.moves(t, a.ID, data.StatePrioritaria); p.Priority != 1 {
		t.Errorf("first proposal to reach prioritaria: priority %d, want 1", p.Priority)
	}
	if p = o.moves(t, b.ID, data.StateInValutazione, data.StatePrioritaria); p.Priority != 2 {
		t.Errorf("second proposal to reach prioritaria: priority %d, want 2", p.Priority)
	}

	// Back needs a reason, and takes the proposal out of the list.
	_, err = o.s.MoveProposal(o.ctx, a.ID, data.StateProposta, "   ")
	wantErr(t, "MoveProposal(back without reason)", err, data.EInvalid, "err.move.reason")
	o.clock.set(at.Add(2 * time.Hour))
	p, err = o.s.MoveProposal(o.ctx, a.ID, data.StateProposta, " Da riformulare con i servizi sociali ")
	must(t, "MoveProposal(back with reason)", err)
	if got := o.get(t, a.ID); got.State != data.StateProposta || got.Priority != 0 || p.Priority != 0 {
		t.Errorf("after going back: %s, priority %d (returned %d); want proposta, 0", got.State, got.Priority, p.Priority)
	}

	// Rejected by hand while prioritaria, which needs a reason: out of the list too.
	_, err = o.s.MoveProposal(o.ctx, b.ID, data.StateRespinta, " ")
	wantErr(t, "MoveProposal(respinta without reason)", err, data.EInvalid, "err.move.reason_reject")
	p, err = o.s.MoveProposal(o.ctx, b.ID, data.StateRespinta, "Già coperta dal progetto regionale")
	must(t, "MoveProposal(prioritaria → respinta)", err)
	if got := o.get(t, b.ID); got.State != data.StateRespinta || got.Priority != 0 {
		t.Errorf("rejected: %s, priority %d; want respinta, 0", got.State, got.Priority)
	}

	// A rejected proposal is reconsidered from where it was rejected or earlier, never past it.
	_, err = o.s.MoveProposal(o.ctx, b.ID, data.StateValidata, "riesame")
	wantErr(t, "MoveProposal(respinta → validata)", err, data.EInvalid, "err.move.reopen_late")
	b2 := o.propose(t, "Sportello unico per le famiglie")
	o.moves(t, b2.ID, data.StateInValutazione, data.StateRespinta)
	_, err = o.s.MoveProposal(o.ctx, b2.ID, data.StatePrioritaria, "riesame")
	wantErr(t, "MoveProposal(respinta from in_valutazione → prioritaria)", err, data.EInvalid, "err.move.reopen_past")
	if _, err = o.s.MoveProposal(o.ctx, b2.ID, data.StateInValutazione, "riesame chiesto dal Tavolo"); err != nil {
		t.Errorf("MoveProposal(respinta → in_valutazione, where it was rejected) = %v", err)
	}

	// Validation by hand, outside a validation vote, needs a reason.
	c := o.propose(t, "Albo delle assistenti familiari")
	o.moves(t, c.ID, data.StateInValutazione, data.StatePrioritaria)
	_, err = o.s.MoveProposal(o.ctx, c.ID, data.StateValidata, " ")
	wantErr(t, "MoveProposal(prioritaria → validata, no reason)", err, data.EInvalid, "err.move.reason_decision")

	// Respinta is possible up to validata, not after approvata.
	o.moves(t, c.ID, data.StateValidata)
	if got := o.get(t, c.ID); got.Priority != 1 {
		t.Errorf("validated proposal: priority %d, want 1 (the only one left in the list, after the highest 0)", got.Priority)
	}
	o.moves(t, c.ID, data.StateApprovata)
	_, err = o.s.MoveProposal(o.ctx, c.ID, data.StateRespinta, "ripensamento")
	wantErr(t, "MoveProposal(approvata → respinta)", err, data.EInvalid, "err.move.reject_late")
	o.moves(t, c.ID, data.StateInAttuazione, data.StateRealizzata)
	_, err = o.s.MoveProposal(o.ctx, c.ID, data.StateRealizzata, "")
	wantErr(t, "MoveProposal(same state)", err, data.EInvalid, "err.move.same")

	// The history: who, when, what, why; the operator is this computer's.
	h := o.get(t, a.ID).History
	if len(h) != 3 {
		t.Fatalf("history of a: %d events, want 3: %+v", len(h), h)
	}
	wantEvent(t, h[0], data.ActionMove, data.StateProposta, data.StateInValutazione, "")
	wantEvent(t, h[1], data.ActionMove, data.StateInValutazione, data.StatePrioritaria, "")
	wantEvent(t, h[2], data.ActionMove, data.StatePrioritaria, data.StateProposta, "Da riformulare con i servizi sociali")
	for i, want := range []time.Time{at, at.Add(time.Hour), at.Add(2 * time.Hour)} {
		if !h[i].At.Equal(want) {
			t.Errorf("event %d at %v, want the store's clock %v", i, h[i].At, want)
		}
	}
	if n := len(o.get(t, b.ID).History); n != 3 {
		t.Errorf("history of b: %d events, want 3 (two steps, one rejection)", n)
	}

	// Without an operator the computer's name stands for it.
	must(t, "RegisterDevice", o.s.RegisterDevice(o.ctx, "Portatile della sala", ""))
	o.moves(t, a.ID, data.StateInValutazione)
	h = o.get(t, a.ID).History
	if last := h[len(h)-1]; last.Operator != "Portatile della sala" {
		t.Errorf("operator without a name = %q, want the computer's name", last.Operator)
	}
}

func TestSetPriorities(t *testing.T) {
	o := newOffice(t)
	a := o.propose(t, "Custode sociale di frazione") // proposta
	b := o.propose(t, "Caffè Alzheimer itinerante")
	o.moves(t, b.ID, data.StateInValutazione)
	c := o.propose(t, "Albo delle assistenti familiari")
	o.moves(t, c.ID, data.StateInValutazione, data.StatePrioritaria) // priority 1

	o.clock.set(meetDay(6, 1, 9, 0))
	must(t, "SetPriorities(b, a, c)", o.s.SetPriorities(o.ctx, []string{b.ID, a.ID, c.ID}, ""))
	wantList := func(want ...data.Proposal) {
		t.Helper()
		list, err := o.s.Proposals(o.ctx, data.ProposalFilter{State: data.StatePrioritaria, Sort: data.SortPriority})
		must(t, "Proposals(prioritarie)", err)
		var got []string
		for _, p := range list {
			got = append(got, p.Title)
		}
		if len(list) != len(want) {
			t.Fatalf("priority list = %q, want %d proposals", got, len(want))
		}
		for i, p := range list {
			if p.ID != want[i].ID || p.Priority != i+1 {
				t.Errorf("priority list = %q; place %d is %q (priority %d), want %q", got, i+1, p.Title, p.Priority, want[i].Title)
			}
		}
	}
	wantList(b, a, c)
	// A proposta enters through in_valutazione: two steps, both picks.
	h := o.get(t, a.ID).History
	if len(h) != 2 {
		t.Fatalf("history of a proposta put in the list: %+v, want two events", h)
	}
	wantEvent(t, h[0], data.ActionPick, data.StateProposta, data.StateInValutazione, "")
	wantEvent(t, h[1], data.ActionPick, data.StateInValutazione, data.StatePrioritaria, "")
	// One change's events share its moment, a microsecond apart so that they read back in order.
	if start := meetDay(6, 1, 9, 0); h[0].At.Before(start) || h[0].At.After(start.Add(time.Millisecond)) ||
		h[1].At.Sub(h[0].At) != time.Microsecond {
		t.Errorf("events at %v and %v, want the clock's time (%v) and a microsecond later", h[0].At, h[1].At, start)
	}
	if n := len(o.get(t, c.ID).History); n != 2 {
		t.Errorf("c only moved in the list: %d events, want its 2 earlier moves and nothing more", n)
	}

	// Dropping one needs a reason; nothing changes without it.
	err := o.s.SetPriorities(o.ctx, []string{c.ID, a.ID}, "")
	wantErr(t, "SetPriorities(drop without reason)", err, data.EInvalid, "err.priority.drop_reason")
	wantList(b, a, c)
	must(t, "SetPriorities(c, a)", o.s.SetPriorities(o.ctx, []string{c.ID, a.ID}, "non più urgente"))
	wantList(c, a)
	if got := o.get(t, b.ID); got.State != data.StateInValutazione || got.Priority != 0 {
		t.Errorf("dropped: %s priority %d, want in_valutazione, 0", got.State, got.Priority)
	} else {
		wantEvent(t, got.History[len(got.History)-1], data.ActionPick, data.StatePrioritaria, data.StateInValutazione, "non più urgente")
	}

	// Duplicates, unknown, rejected and merged proposals are refused.
	err = o.s.SetPriorities(o.ctx, []string{c.ID, a.ID, c.ID}, "")
	wantErr(t, "SetPriorities(twice)", err, data.EInvalid, "err.priority.twice")
	err = o.s.SetPriorities(o.ctx, []string{c.ID, a.ID, "00000000-0000-4000-8000-999999999999"}, "")
	wantErr(t, "SetPriorities(unknown)", err, data.ENotFound, "err.proposal.missing")
	r := o.propose(t, "Proposta respinta")
	o.moves(t, r.ID, data.StateRespinta)
	err = o.s.SetPriorities(o.ctx, []string{c.ID, a.ID, r.ID}, "")
	wantErr(t, "SetPriorities(respinta)", err, data.EInvalid, "err.priority.state")
	x, y := o.propose(t, "Navetta sociale"), o.propose(t, "Trasporto a chiamata")
	_, err = o.s.MergeProposals(o.ctx, []string{x.ID, y.ID}, data.Proposal{Title: "Trasporto sociale"}, "")
	must(t, "MergeProposals", err)
	err = o.s.SetPriorities(o.ctx, []string{c.ID, a.ID, x.ID}, "")
	wantErr(t, "SetPriorities(accorpata)", err, data.EInvalid, "err.priority.state")
	wantList(c, a)

	// A validated proposal stays in the list: it can move in it, not leave it.
	o.moves(t, c.ID, data.StateValidata)
	err = o.s.SetPriorities(o.ctx, []string{a.ID}, "fuori tempo")
	wantErr(t, "SetPriorities(drop a validata)", err, data.EInvalid, "err.priority.validated")
	must(t, "SetPriorities(a, c)", o.s.SetPriorities(o.ctx, []string{a.ID, c.ID}, ""))
	if got := o.get(t, c.ID); got.State != data.StateValidata || got.Priority != 2 {
		t.Errorf("validated proposal moved in the list: %s, priority %d; want validata, 2", got.State, got.Priority)
	}
}

// near reports whether two scores are equal but for rounding.
func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// scores maps a ranking's proposals to their scores.
func scores(list []data.Ranked) map[string]float64 {
	out := map[string]float64{}
	for _, r := range list {
		out[r.ID] = r.Score
	}
	return out
}

func TestMergeAfterVotes(t *testing.T) {
	o := newOffice(t)
	a := o.propose(t, "Custode sociale di frazione")
	b := o.propose(t, "Portierato sociale nei borghi")
	c := o.propose(t, "Sentinelle di vicinato per gli anziani soli")
	d := o.propose(t, "Caffè Alzheimer itinerante")
	// 200 points: a 60, b 70, c 20, d 50.
	v := o.pointsVote(t, "Priorità del Tavolo Anziani", []data.Proposal{a, b, c, d},
		map[string]int{a.ID: 50, b.ID: 30, c.ID: 20}, map[string]int{a.ID: 10, b.ID: 40, d.ID: 50})
	ranking, err := o.s.Ranking(o.ctx, o.anziani.ID)
	must(t, "Ranking", err)
	if s := scores(ranking); len(s) != 4 || !near(s[a.ID], 0.3) || !near(s[b.ID], 0.35) || !near(s[c.ID], 0.1) || !near(s[d.ID], 0.25) {
		t.Fatalf("Ranking before merging = %v, want a .3, b .35, c .1, d .25", s)
	}

	must(t, "SetPriorities(c, a)", o.s.SetPriorities(o.ctx, []string{c.ID, a.ID}, ""))
	o.moves(t, b.ID, data.StateInValutazione)
	o.clock.set(meetDay(6, 10, 11, 0))
	m, err := o.s.MergeProposals(o.ctx, []string{a.ID, b.ID, c.ID, a.ID}, data.Proposal{Title: "Rete di prossimità per gli anziani soli",
		Text: "Custodi, portieri e sentinelle in un solo servizio."}, "tre proposte sulla stessa idea")
	must(t, "MergeProposals", err)
	if m.State != data.StatePrioritaria || m.Priority != 1 || m.AreaID != o.anziani.ID || m.Kind != data.KindIpotesi {
		t.Errorf("merged = %s, priority %d, area %s, kind %s; want the furthest state (prioritaria), the best place (1), a's area and kind",
			m.State, m.Priority, m.AreaID, m.Kind)
	}
	for _, x := range []data.Proposal{a, b, c} {
		got := o.get(t, x.ID)
		if got.State != data.StateAccorpata || got.MergedIntoID != m.ID {
			t.Errorf("original %q: %s into %q, want accorpata into the merged one", x.Title, got.State, got.MergedIntoID)
		}
		last := got.History[len(got.History)-1]
		wantEvent(t, last, data.ActionMerge, last.From, data.StateAccorpata, "tre proposte sulla stessa idea")
		if last.RelatedID != m.ID || !last.At.After(meetDay(6, 10, 10, 59)) {
			t.Errorf("merge event of %q: related %q at %v, want the merged one, now", x.Title, last.RelatedID, last.At)
		}
	}

	// The consolidation gives the merged proposal the sum of its originals' shares in the vote.
	ranking, err = o.s.Ranking(o.ctx, "")
	must(t, "Ranking", err)
	if len(ranking) != 2 || ranking[0].ID != m.ID || !near(ranking[0].Score, 0.75) || ranking[0].Votes != 1 ||
		ranking[0].Rank != 1 || ranking[1].ID != d.ID || !near(ranking[1].Score, 0.25) {
		t.Errorf("Ranking after merging = %+v, want the merged one at .75 over one vote, then d at .25", ranking)
	}
	if len(ranking) > 0 && (len(ranking[0].Tables) != 1 || ranking[0].Tables[0] != o.tavolo.Name) {
		t.Errorf("merged proposal's tables = %q, want the Tavolo tematico", ranking[0].Tables)
	}
	detail := o.get(t, m.ID)
	if len(detail.Originals) != 3 || detail.Originals[0].ID != a.ID || detail.Originals[2].ID != c.ID {
		t.Errorf("ProposalDetail originals = %d, want a, b, c in the order they were made", len(detail.Originals))
	}
	if len(detail.Votes) != 1 || detail.Votes[0].VoteID != v.ID || detail.Votes[0].Via != a.ID || !near(detail.Votes[0].Share, 0.75) ||
		detail.Votes[0].Validation {
		t.Errorf("ProposalDetail votes = %+v, want the points vote, via a, share .75", detail.Votes)
	}
	if len(detail.History) != 1 || detail.History[0].Action != data.ActionMerge || detail.History[0].To != data.StatePrioritaria {
		t.Errorf("merged proposal's history = %+v, want its creation by merging", detail.History)
	}

	// Undone: the originals go back to where they were, with their places; the merged one is gone.
	o.clock.set(meetDay(6, 11, 9, 0))
	must(t, "UndoMerge", o.s.UndoMerge(o.ctx, m.ID, "accorpate per errore"))
	for _, want := range []struct {
		p        data.Proposal
		state    data.ProposalState
		priority int
	}{{a, data.StatePrioritaria, 2}, {b, data.StateInValutazione, 0}, {c, data.StatePrioritaria, 1}} {
		got := o.get(t, want.p.ID)
		if got.State != want.state || got.Priority != want.priority || got.MergedIntoID != "" {
			t.Errorf("after UndoMerge %q: %s, priority %d, merged into %q; want %s, %d, none", want.p.Title, got.State,
				got.Priority, got.MergedIntoID, want.state, want.priority)
		}
		last := got.History[len(got.History)-1]
		wantEvent(t, last, data.ActionUnmerge, data.StateAccorpata, want.state, "accorpate per errore")
	}
	_, err = o.s.ProposalDetail(o.ctx, m.ID)
	wantErr(t, "ProposalDetail(undone merge)", err, data.ENotFound, "err.proposal.missing")
	ranking, err = o.s.Ranking(o.ctx, "")
	must(t, "Ranking", err)
	if s := scores(ranking); len(s) != 4 || !near(s[b.ID], 0.35) {
		t.Errorf("Ranking after UndoMerge = %v, want the four originals again", s)
	}

	// Refusals.
	_, err = o.s.MergeProposals(o.ctx, []string{a.ID, a.ID}, data.Proposal{}, "")
	wantErr(t, "MergeProposals(one proposal)", err, data.EInvalid, "err.merge.two")
	validated := o.propose(t, "Albo delle assistenti familiari")
	o.moves(t, validated.ID, data.StateInValutazione, data.StatePrioritaria, data.StateValidata)
	_, err = o.s.MergeProposals(o.ctx, []string{validated.ID, d.ID}, data.Proposal{}, "")
	wantErr(t, "MergeProposals(a validata)", err, data.EInvalid, "err.merge.state")

	m2, err := o.s.MergeProposals(o.ctx, []string{a.ID, b.ID}, data.Proposal{}, "")
	must(t, "MergeProposals(a, b)", err)
	if m2.Title != a.Title || m2.Priority != 2 {
		t.Errorf("merge without a title: %q, priority %d; want the first original's title and its place 2", m2.Title, m2.Priority)
	}
	_, err = o.s.MergeProposals(o.ctx, []string{a.ID, d.ID}, data.Proposal{}, "")
	wantErr(t, "MergeProposals(an accorpata)", err, data.EInvalid, "err.merge.state")
	_, err = o.s.Delete(o.ctx, data.Ref{Kind: data.KindProposal, ID: m2.ID})
	wantErr(t, "Delete(merged proposal)", err, data.EConflict, "err.proposal.has_merged")
	o.moves(t, m2.ID, data.StateValidata)
	err = o.s.UndoMerge(o.ctx, m2.ID, "")
	wantErr(t, "UndoMerge(validata)", err, data.EInvalid, "err.unmerge.state")

	m3, err := o.s.MergeProposals(o.ctx, []string{c.ID, d.ID}, data.Proposal{Title: "Sentinelle e caffè"}, "")
	must(t, "MergeProposals(c, d)", err)
	other := o.propose(t, "Telesoccorso")
	o.pointsVote(t, "Secondo giro", []data.Proposal{m3, other}, map[string]int{m3.ID: 100}, map[string]int{other.ID: 100})
	err = o.s.UndoMerge(o.ctx, m3.ID, "")
	wantErr(t, "UndoMerge(voted itself)", err, data.EInvalid, "err.unmerge.voted")
	err = o.s.UndoMerge(o.ctx, other.ID, "")
	wantErr(t, "UndoMerge(not a merge)", err, data.EInvalid, "err.unmerge.none")

	e, f := o.propose(t, "Navetta sociale"), o.propose(t, "Trasporto a chiamata")
	m4, err := o.s.MergeProposals(o.ctx, []string{e.ID, f.ID}, data.Proposal{Title: "Trasporti"}, "")
	must(t, "MergeProposals(e, f)", err)
	_, err = o.s.SplitProposal(o.ctx, m4.ID, []data.Proposal{{Title: "Navetta per gli ospedali"}}, "")
	must(t, "SplitProposal(merged)", err)
	err = o.s.UndoMerge(o.ctx, m4.ID, "")
	wantErr(t, "UndoMerge(with parts)", err, data.EInvalid, "err.unmerge.parts")
}

func TestSplitProposal(t *testing.T) {
	o := newOffice(t)
	origin := o.save(t, data.Proposal{SessionID: o.march.ID, Title: "Trasporti e domiciliarità", Kind: data.KindIpotesi,
		Text: "Navetta per gli ospedali e assistenza domiciliare leggera.", ProposerID: o.bianchi.ID,
		OrganisationID: o.girasole.ID, ComuneIDs: []string{o.pieve.ID}, Cost: data.Cost5to25k, Duration: data.Time6to12})
	o.moves(t, origin.ID, data.StateInValutazione)
	rival := o.propose(t, "Caffè Alzheimer itinerante")
	o.pointsVote(t, "Priorità", []data.Proposal{origin, rival}, map[string]int{origin.ID: 80, rival.ID: 20},
		map[string]int{origin.ID: 40, rival.ID: 60}) // origin 120 of 200: .6
	before := o.get(t, origin.ID)

	o.clock.set(meetDay(7, 1, 9, 30))
	parts, err := o.s.SplitProposal(o.ctx, origin.ID, []data.Proposal{
		{Title: " Navetta per gli ospedali ", Text: "Una navetta due volte a settimana.", ProposerID: o.rossi.ID},
		{Title: "Assistenza domiciliare leggera", Kind: data.KindStrategia, AreaID: o.disabilita.ID},
	}, "due idee diverse")
	must(t, "SplitProposal", err)
	if len(parts) != 2 {
		t.Fatalf("SplitProposal = %d parts, want 2", len(parts))
	}
	from := o.get(t, origin.ID)
	for i, p := range parts {
		got := o.get(t, p.ID)
		// A part belongs to no session (the session's lock must not keep the office from taking it
		// back); its table and date are the origin's, through the lineage.
		if got.SplitFromID != origin.ID || got.ProposerID != o.bianchi.ID || got.OrganisationID != o.girasole.ID ||
			got.SessionID != "" || got.BodyID != from.BodyID || got.BodyID == "" || !got.SessionDate.Equal(from.SessionDate) ||
			got.State != data.StateInValutazione || got.Priority != 0 {
			t.Errorf("part %d = from %q, proposer %q, organisation %q, session %q, body %q, %s; want the origin's lineage, proposer, table and state",
				i, got.SplitFromID, got.ProposerID, got.OrganisationID, got.SessionID, got.BodyID, got.State)
		}
		if got.Origin == nil || got.Origin.ID != origin.ID {
			t.Errorf("part %d detail: origin %v, want the origin", i, got.Origin)
		}
		if len(got.History) != 1 || got.History[0].Action != data.ActionSplit || got.History[0].RelatedID != origin.ID ||
			got.History[0].Reason != "due idee diverse" || !got.History[0].At.After(meetDay(7, 1, 9, 29)) {
			t.Errorf("part %d history = %+v, want its split off the origin", i, got.History)
		}
		if len(got.Votes) != 1 || got.Votes[0].Via != origin.ID || !near(got.Votes[0].Share, 0.6) {
			t.Errorf("part %d votes = %+v, want the origin's vote, via the origin, share .6", i, got.Votes)
		}
	}
	if parts[0].Title != "Navetta per gli ospedali" || parts[0].AreaID != o.anziani.ID || parts[0].Kind != data.KindIpotesi ||
		len(parts[0].ComuneIDs) != 1 || parts[0].Cost != data.Cost5to25k {
		t.Errorf("first part = %+v, want the title trimmed and the origin's area, kind, comuni and bands", parts[0])
	}
	if parts[1].AreaID != o.disabilita.ID || parts[1].Kind != data.KindStrategia {
		t.Errorf("second part: area %s kind %s, want its own", parts[1].AreaID, parts[1].Kind)
	}

	after := o.get(t, origin.ID)
	if after.Title != before.Title || after.Text != before.Text || after.State != before.State || after.ProposerID != before.ProposerID {
		t.Errorf("origin changed by the split: %+v, was %+v", after.Proposal, before.Proposal)
	}
	if len(after.Parts) != 2 || after.Parts[0].ID != parts[0].ID {
		t.Errorf("origin detail parts = %d, want the two parts in order", len(after.Parts))
	}
	var splits []data.ProposalEvent
	for _, e := range after.History {
		if e.Action == data.ActionSplit {
			splits = append(splits, e)
		}
	}
	if len(splits) != 2 || splits[0].RelatedID != parts[0].ID || splits[1].RelatedID != parts[1].ID ||
		splits[0].From != data.StateInValutazione || splits[0].To != data.StateInValutazione || splits[0].Operator != officeOperator {
		t.Errorf("origin's split events = %+v, want one per part, state unchanged", splits)
	}

	// The parts inherit the origin's votes in the ranking; the origin keeps its own.
	ranking, err := o.s.Ranking(o.ctx, "")
	must(t, "Ranking", err)
	s := scores(ranking)
	if !near(s[origin.ID], 0.6) || !near(s[parts[0].ID], 0.6) || !near(s[parts[1].ID], 0.6) || !near(s[rival.ID], 0.4) {
		t.Errorf("Ranking after the split = %v, want the origin and both parts at .6, the rival at .4", s)
	}
	inArea, err := o.s.Ranking(o.ctx, o.disabilita.ID)
	must(t, "Ranking(disabilità)", err)
	if len(inArea) != 1 || inArea[0].ID != parts[1].ID {
		t.Errorf("Ranking(disabilità) = %+v, want only the part moved to that area", inArea)
	}

	_, err = o.s.Delete(o.ctx, data.Ref{Kind: data.KindProposal, ID: origin.ID})
	wantErr(t, "Delete(origin with parts)", err, data.EConflict, "err.proposal.has_parts")
	_, err = o.s.SplitProposal(o.ctx, origin.ID, nil, "")
	wantErr(t, "SplitProposal(no parts)", err, data.EInvalid, "err.split.none")
	_, err = o.s.SplitProposal(o.ctx, origin.ID, []data.Proposal{{Title: " "}}, "")
	wantErr(t, "SplitProposal(part without title)", err, data.EInvalid, "err.proposal.title_required")
	o.moves(t, rival.ID, data.StateInValutazione, data.StatePrioritaria, data.StateValidata)
	_, err = o.s.SplitProposal(o.ctx, rival.ID, []data.Proposal{{Title: "Una parte"}}, "")
	wantErr(t, "SplitProposal(validata)", err, data.EInvalid, "err.split.state")
	// A part can go; the origin, voted on, cannot: its share in the vote would vanish.
	for _, p := range parts {
		_, err := o.s.Delete(o.ctx, data.Ref{Kind: data.KindProposal, ID: p.ID})
		must(t, "Delete(part)", err)
	}
	_, err = o.s.Delete(o.ctx, data.Ref{Kind: data.KindProposal, ID: origin.ID})
	wantErr(t, "Delete(origin voted on)", err, data.EConflict, "err.proposal.voted")
}

func TestValidationVotes(t *testing.T) {
	o := newOffice(t)
	p1, p2, p3 := o.propose(t, "Custode sociale di frazione"), o.propose(t, "Caffè Alzheimer itinerante"),
		o.propose(t, "Albo delle assistenti familiari")
	x := o.propose(t, "Telesoccorso")
	o.moves(t, x.ID, data.StateInValutazione)
	must(t, "SetPriorities", o.s.SetPriorities(o.ctx, []string{p2.ID, p1.ID, p3.ID}, ""))

	// A Tavolo tematico does not validate.
	_, err := o.s.OpenVote(o.ctx, data.Vote{SessionID: o.march.ID, Method: data.MethodMotion, Subject: "Validazione",
		Rules: o.tavolo.Rules, Covers: []string{p1.ID}})
	wantErr(t, "OpenVote(covers at a Tavolo tematico)", err, data.EInvalid, "err.vote.covers_body")
	if c, err := o.s.ValidationCandidates(o.ctx, o.march.ID); err != nil || len(c) != 0 {
		t.Errorf("ValidationCandidates(Tavolo tematico) = %d, %v; want none", len(c), err)
	}

	alto := o.heldSession(t, o.alto.ID, meetDay(9, 15, 10, 0),
		data.Attendance{PersonID: o.rossi.ID, SeatID: o.altoRossi.ID}, data.Attendance{PersonID: o.bianchi.ID, SeatID: o.altoBianchi.ID})
	cands, err := o.s.ValidationCandidates(o.ctx, alto.ID)
	must(t, "ValidationCandidates(Tavolo Alto)", err)
	if len(cands) != 3 || cands[0].ID != p2.ID || cands[1].ID != p1.ID || cands[2].ID != p3.ID {
		t.Errorf("ValidationCandidates(Tavolo Alto) = %d, want the three prioritarie in the list's order", len(cands))
	}
	for _, tt := range []struct {
		name   string
		covers []string
		key    string
	}{
		{"a proposal not prioritaria", []string{p1.ID, x.ID}, "err.vote.covers_state"},
		{"twice", []string{p1.ID, p1.ID}, "err.priority.twice"},
	} {
		_, err := o.s.OpenVote(o.ctx, data.Vote{SessionID: alto.ID, Method: data.MethodMotion, Subject: "Validazione",
			Rules: o.alto.Rules, Covers: tt.covers})
		wantErr(t, "OpenVote(covers "+tt.name+")", err, data.EInvalid, tt.key)
	}
	_, err = o.s.OpenVote(o.ctx, data.Vote{SessionID: alto.ID, Method: data.MethodPoints, Subject: "Validazione",
		Rules: o.alto.Rules, Covers: []string{p1.ID}, Options: []data.VoteOption{{ID: p1.ID}, {ID: p2.ID}}})
	wantErr(t, "OpenVote(covers by points)", err, data.EInvalid, "err.vote.covers_motion")

	at := meetDay(9, 15, 10, 30)
	o.clock.set(at)
	yes := o.motion(t, alto, o.alto.Rules, []string{p1.ID, p2.ID},
		map[string]string{o.altoRossi.ID: "favorevole", o.altoBianchi.ID: "favorevole"})
	for _, p := range []data.Proposal{p1, p2} {
		got := o.get(t, p.ID)
		last := got.History[len(got.History)-1]
		if got.State != data.StateValidata || last.Action != data.ActionVote || last.VoteID != yes.ID ||
			last.From != data.StatePrioritaria || last.To != data.StateValidata || last.Operator != officeOperator || last.At.Before(at) {
			t.Errorf("approved by the Tavolo Alto: %q %s, last event %+v; want validata by the vote", p.Title, got.State, last)
		}
		if got.Priority == 0 {
			t.Errorf("validated %q left the priority list", p.Title)
		}
		if n := len(got.Votes); n != 1 || !got.Votes[0].Validation || got.Votes[0].Outcome == "" {
			t.Errorf("%q votes = %+v, want the validation with its outcome", p.Title, got.Votes)
		}
	}
	no := o.motion(t, alto, o.alto.Rules, []string{p3.ID},
		map[string]string{o.altoRossi.ID: "contrario", o.altoBianchi.ID: "favorevole"}) // a tie rejects
	if got := o.get(t, p3.ID); got.State != data.StateRespinta || got.History[len(got.History)-1].VoteID != no.ID {
		t.Errorf("tied validation: %q is %s, want respinta by the vote", p3.Title, got.State)
	}

	// The rejected one stays in the list, showing the outcome, and the list can still be edited around it.
	if got := o.get(t, p3.ID); got.Priority == 0 {
		t.Errorf("rejected by the vote, %q left the priority list", p3.Title)
	}
	must(t, "SetPriorities(with the rejected one)", o.s.SetPriorities(o.ctx, []string{p2.ID, p1.ID, p3.ID}, ""))
	// The synthesis tells what each round decided, whatever happens to the proposals later.
	syn, err := o.s.Synthesis(o.ctx, "")
	must(t, "Synthesis", err)
	moved := map[string]data.ProposalState{}
	for _, r := range syn.Rounds {
		for id, st := range r.Moved {
			moved[r.Vote.ID+"/"+id] = st
		}
	}
	if moved[yes.ID+"/"+p1.ID] != data.StateValidata || moved[no.ID+"/"+p3.ID] != data.StateRespinta {
		t.Errorf("rounds' moves = %v, want p1 validata by the first vote, p3 respinta by the second", moved)
	}
	// A closed validation vote cannot be deleted: what it validated would stand on nothing.
	_, err = o.s.Delete(o.ctx, data.Ref{Kind: data.KindVote, ID: yes.ID})
	wantErr(t, "Delete(closed validation vote)", err, data.EConflict, "err.vote.validation_delete")

	// Without the quorum nothing was decided.
	p4 := o.propose(t, "Telesoccorso di comunità")
	must(t, "SetPriorities", o.s.SetPriorities(o.ctx, []string{p2.ID, p1.ID, p4.ID}, ""))
	empty := o.heldSession(t, o.alto.ID, meetDay(9, 22, 10, 0), data.Attendance{PersonID: o.verdi.ID, SeatID: o.altoVerdi.ID})
	v := o.motion(t, empty, o.alto.Rules, []string{p4.ID}, map[string]string{o.altoVerdi.ID: "favorevole"})
	if v.QuorumHolds {
		t.Fatalf("one seat of three present: quorum holds, want it not to")
	}
	if got := o.get(t, p4.ID); got.State != data.StatePrioritaria || got.History[len(got.History)-1].Action == data.ActionVote {
		t.Errorf("validation without quorum moved %q to %s", p4.Title, got.State)
	}

	// The Tavolo dei Sindaci approves what the Tavolo Alto validated, and only that.
	sindaci := o.heldSession(t, o.sindaci.ID, meetDay(10, 6, 17, 0),
		data.Attendance{PersonID: o.dangelo.ID, SeatID: o.seatCastiglione.ID}, data.Attendance{PersonID: o.dangelo.ID, SeatID: o.seatMag.ID})
	cands, err = o.s.ValidationCandidates(o.ctx, sindaci.ID)
	must(t, "ValidationCandidates(Sindaci)", err)
	if len(cands) != 2 || cands[0].ID != p2.ID || cands[1].ID != p1.ID {
		t.Errorf("ValidationCandidates(Sindaci) = %d, want the two validate in order", len(cands))
	}
	_, err = o.s.OpenVote(o.ctx, data.Vote{SessionID: sindaci.ID, Method: data.MethodMotion, Subject: "Approvazione",
		Rules: o.sindaci.Rules, Covers: []string{p4.ID}})
	wantErr(t, "OpenVote(Sindaci on a prioritaria)", err, data.EInvalid, "err.vote.covers_state")
	ok := o.motion(t, sindaci, o.sindaci.Rules, []string{p1.ID},
		map[string]string{o.seatCastiglione.ID: "favorevole", o.seatMag.ID: "favorevole"})
	if got := o.get(t, p1.ID); got.State != data.StateApprovata || got.History[len(got.History)-1].VoteID != ok.ID {
		t.Errorf("approved by the Sindaci: %q is %s, want approvata by the vote", p1.Title, got.State)
	}
	if got := o.get(t, p2.ID); got.State != data.StateValidata {
		t.Errorf("%q, not covered, is %s; want it still validata", p2.Title, got.State)
	}
}

// TestUndoMergeAfterReordering: the priority list was reordered while the originals were merged; undone,
// they come back to the list without taking a place someone else now holds.
func TestUndoMergeAfterReordering(t *testing.T) {
	o := newOffice(t)
	a, b, c := o.propose(t, "Custode sociale"), o.propose(t, "Caffè Alzheimer"), o.propose(t, "Portierato sociale")
	must(t, "SetPriorities(a, b, c)", o.s.SetPriorities(o.ctx, []string{a.ID, b.ID, c.ID}, ""))
	m, err := o.s.MergeProposals(o.ctx, []string{a.ID, c.ID}, data.Proposal{Title: "Rete di prossimità"}, "")
	must(t, "MergeProposals(a, c)", err)
	must(t, "SetPriorities(b, m)", o.s.SetPriorities(o.ctx, []string{b.ID, m.ID}, ""))
	o.clock.set(meetDay(6, 11, 9, 0))
	must(t, "UndoMerge", o.s.UndoMerge(o.ctx, m.ID, "accorpate per errore"))
	list, err := o.s.Proposals(o.ctx, data.ProposalFilter{State: data.StatePrioritaria, Sort: data.SortPriority})
	must(t, "Proposals", err)
	places := map[int]string{}
	for _, p := range list {
		if other, taken := places[p.Priority]; taken || p.Priority == 0 {
			t.Errorf("priority list after UndoMerge: %q at place %d, held by %q too", p.Title, p.Priority, other)
		}
		places[p.Priority] = p.Title
	}
	// c's place (3) is free again and kept; a's (1) is b's now, so a goes to the end.
	if len(list) != 3 || list[0].ID != b.ID || list[1].ID != c.ID || list[2].ID != a.ID || list[1].Priority != 3 {
		t.Errorf("priority list after UndoMerge = %v, want b, c (its place 3), a (at the end)", places)
	}
}

// TestMergeGuards: a merge carries its originals' bands and target group; merging or splitting is
// refused while an open vote has the proposal among its options; a search for nothing searchable
// narrows nothing.
func TestMergeGuards(t *testing.T) {
	o := newOffice(t)
	a := o.propose(t, "Navetta sociale")
	a.Cost, a.Duration, a.TargetGroup = data.Cost5to25k, data.Time6to12, "Anziani soli"
	a = o.save(t, a)
	b := o.propose(t, "Trasporto solidale")
	m, err := o.s.MergeProposals(o.ctx, []string{b.ID, a.ID}, data.Proposal{Title: "Trasporto sociale"}, "")
	must(t, "MergeProposals", err)
	if got := o.get(t, m.ID); got.Cost != data.Cost5to25k || got.Duration != data.Time6to12 || got.TargetGroup != "Anziani soli" {
		t.Errorf("merged: cost %q, duration %q, target %q; want the originals'", got.Cost, got.Duration, got.TargetGroup)
	}
	must(t, "UndoMerge", o.s.UndoMerge(o.ctx, m.ID, "per prova"))

	v, err := o.s.OpenVote(o.ctx, data.Vote{SessionID: o.march.ID, Subject: "Priorità", Method: data.MethodPoints,
		Rules: o.tavolo.Rules, Options: []data.VoteOption{{ID: a.ID, Label: a.Title}, {ID: b.ID, Label: b.Title}}})
	must(t, "OpenVote", err)
	_, err = o.s.MergeProposals(o.ctx, []string{a.ID, b.ID}, data.Proposal{}, "")
	wantErr(t, "MergeProposals(options of an open vote)", err, data.EConflict, "err.proposal.open_vote")
	_, err = o.s.SplitProposal(o.ctx, a.ID, []data.Proposal{{Title: "Una parte"}}, "")
	wantErr(t, "SplitProposal(option of an open vote)", err, data.EConflict, "err.proposal.open_vote")
	_, err = o.s.CloseVote(o.ctx, v.ID)
	must(t, "CloseVote", err)
	if _, err := o.s.MergeProposals(o.ctx, []string{a.ID, b.ID}, data.Proposal{}, ""); err != nil {
		t.Errorf("MergeProposals after the vote closed = %v, want it done", err)
	}

	all, err := o.s.Proposals(o.ctx, data.ProposalFilter{})
	must(t, "Proposals", err)
	got, err := o.s.Proposals(o.ctx, data.ProposalFilter{Query: " - € "})
	must(t, "Proposals(- €)", err)
	if len(got) != len(all) || len(all) == 0 {
		t.Errorf("a search for \"- €\" found %d of %d, want them all (nothing to narrow by)", len(got), len(all))
	}
}
