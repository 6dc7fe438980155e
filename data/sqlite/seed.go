package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/tavoli/tavoli/data"
)

// IsEmpty reports whether the database holds no records at all (live or deleted); the installations that
// opened it do not count.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	empty := true
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		empty, err = isEmpty(ctx, tx)
		return err
	})
	return empty, err
}

func isEmpty(ctx context.Context, tx *sql.Tx) (bool, error) {
	for k, t := range tables {
		if k == data.KindDevice {
			continue
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return false, err
		}
		if n > 0 {
			return false, nil
		}
	}
	return true, nil
}

// Seed writes a whole dataset into an empty database, in one transaction. A database that holds
// anything is refused and left as it was: seeding never overwrites. Records keep their ids and the
// times they carry (see insert), but for a secret vote's ballots and turnout, which take the vote's
// opening time; every record is checked as the store's own Save would check it.
func (s *Store) Seed(ctx context.Context, ds data.Dataset) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		empty, err := isEmpty(ctx, tx)
		if err != nil {
			return err
		}
		if !empty {
			return data.Errorf(data.EConflict, "err.db.not_empty", "path", s.path)
		}
		if err := checkMeetings(ds); err != nil {
			return err
		}
		if err := checkVotes(ds); err != nil {
			return err
		}
		k := newKeyer()
		type rec struct {
			kind data.Kind
			meta *data.Meta
			err  error
			cols []column
		}
		var recs []rec
		for i := range ds.Comuni {
			c := &ds.Comuni[i]
			recs = append(recs, rec{data.KindComune, &c.Meta, c.Validate(), comuneCols(*c, k)})
		}
		recs = append(recs, rec{data.KindAmbito, &ds.Ambito.Meta, ds.Ambito.Validate(), ambitoCols(ds.Ambito)})
		for i := range ds.Areas {
			a := &ds.Areas[i]
			recs = append(recs, rec{data.KindArea, &a.Meta, a.Validate(), areaCols(*a)})
		}
		for i := range ds.Organisations {
			o := &ds.Organisations[i]
			recs = append(recs, rec{data.KindOrganisation, &o.Meta, o.Validate(), organisationCols(*o, k)})
		}
		for i := range ds.People {
			p := &ds.People[i]
			*p = tidyPerson(*p)
			recs = append(recs, rec{data.KindPerson, &p.Meta, p.Validate(), personCols(*p, k)})
		}
		for i := range ds.Bodies {
			b := &ds.Bodies[i]
			cols, err := bodyCols(*b)
			recs = append(recs, rec{data.KindBody, &b.Meta, firstErr(b.Validate(), err), cols})
		}
		for i := range ds.Seats {
			st := &ds.Seats[i]
			recs = append(recs, rec{data.KindSeat, &st.Meta, st.Validate(), seatCols(*st)})
		}
		for i := range ds.Memberships {
			m := &ds.Memberships[i]
			recs = append(recs, rec{data.KindMembership, &m.Meta, m.Validate(), membershipCols(*m)})
		}
		// The meetings are tidied as their Save methods tidy them, so that a seeded record reads back
		// as one entered by hand would.
		for i := range ds.Sessions {
			x := &ds.Sessions[i]
			x.Place = strings.TrimSpace(x.Place)
			recs = append(recs, rec{data.KindSession, &x.Meta, x.Validate(), sessionCols(*x)})
		}
		for i := range ds.Agenda {
			x := &ds.Agenda[i]
			x.Title = strings.TrimSpace(x.Title)
			recs = append(recs, rec{data.KindAgendaItem, &x.Meta, x.Validate(), agendaCols(*x)})
		}
		for i := range ds.Attendance {
			x := &ds.Attendance[i]
			recs = append(recs, rec{data.KindAttendance, &x.Meta, x.Validate(), attendanceCols(*x)})
		}
		for i := range ds.Decisions {
			x := &ds.Decisions[i]
			x.Text = strings.TrimSpace(x.Text)
			recs = append(recs, rec{data.KindDecision, &x.Meta, x.Validate(), decisionCols(*x)})
		}
		for i := range ds.Actions {
			x := &ds.Actions[i]
			x.Who, x.What = strings.TrimSpace(x.Who), strings.TrimSpace(x.What)
			recs = append(recs, rec{data.KindActionItem, &x.Meta, x.Validate(), actionCols(*x)})
		}
		for i := range ds.FollowUps {
			x := &ds.FollowUps[i]
			x.Note = strings.TrimSpace(x.Note)
			recs = append(recs, rec{data.KindActionFollowUp, &x.Meta, x.Validate(), followUpCols(*x)})
		}
		for i := range ds.Proposals {
			x := &ds.Proposals[i]
			x.Title, x.Text, x.TargetGroup = strings.TrimSpace(x.Title), strings.TrimSpace(x.Text), strings.TrimSpace(x.TargetGroup)
			if x.State == "" {
				x.State = data.StateProposta
			}
			recs = append(recs, rec{data.KindProposal, &x.Meta, x.Validate(), proposalCols(*x)})
		}
		// A verbale without its PDF is rendered once everything it speaks of is in place.
		var unrendered []*data.Verbale
		for i := range ds.Verbali {
			x := &ds.Verbali[i]
			if x.Approved.IsZero() {
				x.Approved = s.now().UTC()
			}
			if len(x.PDF) == 0 && x.SHA256 == "" {
				unrendered = append(unrendered, x)
				continue
			}
			err := checkVerbale(x)
			recs = append(recs, rec{data.KindVerbale, &x.Meta, err, verbaleCols(*x)})
		}
		voteOf := map[string]data.Vote{}
		for i := range ds.Votes {
			x := &ds.Votes[i]
			x.Subject = strings.TrimSpace(x.Subject)
			cols, err := voteCols(*x)
			recs = append(recs, rec{data.KindVote, &x.Meta, firstErr(x.Validate(), err), cols})
			voteOf[x.ID] = *x
		}
		// A secret vote's ballots and turnout carry the vote's opening time, as CloseVote writes them,
		// and go in in id order: the times and the order a dataset gives them could tell which ballot
		// came when.
		var secret []rec
		for i := range ds.Ballots {
			x := &ds.Ballots[i]
			x.Count = max(x.Count, 1)
			cols, err := ballotCols(*x)
			r := rec{data.KindVoteBallot, &x.Meta, err, cols}
			if v := voteOf[x.VoteID]; v.Secret {
				x.Created, x.Updated = v.Opened, v.Opened
				secret = append(secret, r)
				continue
			}
			recs = append(recs, r)
		}
		for i := range ds.Turnout {
			x := &ds.Turnout[i]
			x.Created, x.Updated = voteOf[x.VoteID].Opened, voteOf[x.VoteID].Opened
			secret = append(secret, rec{data.KindVoteVoter, &x.Meta, nil, []column{{"vote_id", x.VoteID}, {"seat_id", x.SeatID}}})
		}
		slices.SortStableFunc(secret, func(a, b rec) int { return strings.Compare(a.meta.ID, b.meta.ID) })
		recs = append(recs, secret...)
		for i := range ds.Events {
			x := &ds.Events[i]
			if x.Created.IsZero() {
				x.Created = x.At
			}
			recs = append(recs, rec{data.KindProposalEvent, &x.Meta, nil, eventCols(*x)})
		}
		for i := range ds.Implementations {
			x := &ds.Implementations[i]
			x.Normalize()
			err := x.Validate()
			if err == nil && x.ID != implementationID(x.ProposalID) {
				err = data.Errorf(data.EInvalid, "err.attuazione.proposal")
			}
			x.Budget = data.FullBudget(x.Budget)
			recs = append(recs, rec{data.KindImplementation, &x.Meta, err, implementationCols(*x)})
		}
		for i := range ds.Milestones {
			x := &ds.Milestones[i]
			x.Due, x.DoneOn = data.DayOf(x.Due), data.DayOf(x.DoneOn)
			recs = append(recs, rec{data.KindMilestone, &x.Meta, x.Validate(), milestoneCols(*x)})
		}
		for i := range ds.Indicators {
			x := &ds.Indicators[i]
			x.MeasuredOn = data.DayOf(x.MeasuredOn)
			recs = append(recs, rec{data.KindIndicator, &x.Meta, x.Validate(), indicatorCols(*x)})
		}
		for i := range ds.Reports {
			x := &ds.Reports[i]
			if x.ID == "" {
				x.ID = annualReportID(x.Year)
			}
			err := x.Validate()
			if err == nil && x.ID != annualReportID(x.Year) {
				err = data.Errorf(data.EInvalid, "err.relazione.year", "year", x.Year)
			}
			recs = append(recs, rec{data.KindAnnualReport, &x.Meta, err, annualReportCols(*x)})
		}
		for _, r := range recs {
			if r.err != nil {
				return r.err
			}
			if err := s.insert(ctx, tx, r.kind, r.meta, r.cols); err != nil {
				return err
			}
		}
		// The dossiers are read in the transaction, then rendered side by side: documents are pure.
		dossiers := make([]data.Dossier, len(unrendered))
		for i, x := range unrendered {
			d, err := s.approvedDossier(ctx, tx, x)
			if err != nil {
				return err
			}
			dossiers[i] = d
		}
		if err := s.renderAll(unrendered, dossiers); err != nil {
			return err
		}
		for _, x := range unrendered {
			if err := s.insert(ctx, tx, data.KindVerbale, &x.Meta, verbaleCols(*x)); err != nil {
				return err
			}
		}
		return nil
	})
}

// approvedDossier is the dossier of a verbale approved in a dataset, as ApproveVerbale would have
// rendered it at the approval: the session, the approving session and the vote its decision records.
func (s *Store) approvedDossier(ctx context.Context, tx *sql.Tx, v *data.Verbale) (data.Dossier, error) {
	d, err := dossier(ctx, tx, v.SessionID)
	if err != nil {
		return d, err
	}
	if d.Session.Status != data.SessionApprovata || d.Session.ApprovedInID != v.ApprovedInID || d.ApprovedIn == nil {
		return d, data.Errorf(data.EInvalid, "err.verbale.wrong_session")
	}
	rec, found, err := approvalByDecision(ctx, tx, *d.ApprovedIn, v.DecisionID)
	if err != nil {
		return d, err
	}
	if found {
		d.Approval = &rec
	}
	return d, nil
}

// renderAll renders the verbali of the dossiers, one goroutine per processor, and checks each.
func (s *Store) renderAll(vs []*data.Verbale, ds []data.Dossier) error {
	if s.render == nil && len(vs) > 0 {
		return data.Errorf(data.EInternal, "err.verbale.no_renderer")
	}
	errs := make([]error, len(vs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(vs)) {
		wg.Go(func() {
			for i := range next {
				pdf, err := s.render(ds[i])
				if err != nil {
					errs[i] = data.Errorf(data.EInternal, "err.document.render").Wrap(err)
					continue
				}
				vs[i].PDF, vs[i].SHA256 = pdf, ""
				errs[i] = checkVerbale(vs[i])
			}
		})
	}
	for i := range vs {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// insert writes a new record with the times it carries: a seeded meeting keeps the day it was held,
// so that its documents are dated as the meeting was and every computer seeding the same dataset
// holds the same records. A zero Created is the store clock's now, as save makes it, and a zero
// Updated is Created: the record has not changed since.
func (s *Store) insert(ctx context.Context, tx *sql.Tx, kind data.Kind, m *data.Meta, cols []column) error {
	if m.ID == "" {
		m.ID = s.newID()
	}
	if m.Created.IsZero() {
		m.Created = s.now().UTC()
	}
	if m.Updated.IsZero() {
		m.Updated = m.Created
	}
	m.Device, m.Deleted = s.device, false
	return insertAs(ctx, tx, kind, *m, cols)
}

func verbaleCols(v data.Verbale) []column {
	return []column{{"session_id", v.SessionID}, {"approved_in_id", v.ApprovedInID}, {"decision_id", v.DecisionID},
		{"approved", fmtTime(v.Approved)}, {"sha256", v.SHA256}, {"pdf", v.PDF}}
}

// checkVerbale checks an approved verbale as ApproveVerbale makes it: a PDF, and its SHA-256, filled
// in when missing. A hash that does not match the bytes means the verbale is not the one approved.
func checkVerbale(v *data.Verbale) error {
	if len(v.PDF) == 0 {
		return data.Errorf(data.EInvalid, "err.verbale.empty")
	}
	sum := sha256.Sum256(v.PDF)
	h := hex.EncodeToString(sum[:])
	if v.SHA256 == "" {
		v.SHA256 = h
	}
	if v.SHA256 != h {
		return data.Errorf(data.ECorrupt, "err.db.corrupt")
	}
	return nil
}

// checkMeetings checks what the meeting records' Save methods check beyond Validate, across records:
// an item referred to belongs to the same session; a register line holds a seat of the session's
// body, once per person and seat; a seat is held by one person present at a time, and a person holds
// no more seats than the body's proxies rule allows; a verbale belongs to a session approved where it
// says.
func checkMeetings(ds data.Dataset) error {
	itemSession := map[string]string{}
	for _, it := range ds.Agenda {
		itemSession[it.ID] = it.SessionID
	}
	type itemRef struct{ session, item string }
	var refs []itemRef
	for _, d := range ds.Decisions {
		refs = append(refs, itemRef{d.SessionID, d.AgendaItemID})
	}
	for _, a := range ds.Actions {
		refs = append(refs, itemRef{a.SessionID, a.AgendaItemID})
	}
	for _, p := range ds.Proposals {
		refs = append(refs, itemRef{p.SessionID, p.AgendaItemID})
	}
	for _, r := range refs {
		if r.item != "" && itemSession[r.item] != r.session {
			return data.Errorf(data.ENotFound, "err.ref.missing", "kind", string(data.KindAgendaItem))
		}
	}

	rules := map[string]data.Rules{}
	for _, b := range ds.Bodies {
		rules[b.ID] = b.Rules
	}
	seats := map[string]data.Seat{}
	for _, st := range ds.Seats {
		seats[st.ID] = st
	}
	sessions := map[string]data.Session{}
	for _, x := range ds.Sessions {
		sessions[x.ID] = x
	}
	names := map[string]string{}
	for _, p := range ds.People {
		names[p.ID] = p.FullName()
	}
	lines := map[string][]data.RegisterLine{} // by session, in the order the register was taken
	for _, a := range ds.Attendance {
		sess := sessions[a.SessionID]
		seat, ok := seats[a.SeatID]
		if a.SeatID != "" && (!ok || seat.BodyID != sess.BodyID) {
			return data.Errorf(data.EInvalid, "err.register.seat_other_body")
		}
		for _, l := range lines[a.SessionID] {
			if l.PersonID == a.PersonID && l.SeatID == a.SeatID {
				return data.Errorf(data.EConflict, "err.register.duplicate", "name", l.PersonName)
			}
		}
		if a.Presence == data.PresencePresente && a.Left.IsZero() {
			if err := data.CheckHold(lines[a.SessionID], rules[sess.BodyID], a.PersonID, a.SeatID); err != nil {
				return err
			}
		}
		lines[a.SessionID] = append(lines[a.SessionID], data.RegisterLine{Attendance: a, PersonName: names[a.PersonID],
			SeatName: seat.Label})
	}

	for _, v := range ds.Verbali {
		sess, ok := sessions[v.SessionID]
		if !ok || sess.Status != data.SessionApprovata || sess.ApprovedInID != v.ApprovedInID || v.ApprovedInID == "" {
			return data.Errorf(data.EInvalid, "err.verbale.wrong_session")
		}
	}
	return nil
}

// ballotCols are the columns of a stored ballot, as SaveBallot writes them.
func ballotCols(b data.VoteBallot) ([]column, error) {
	body, err := ballotJSON(b)
	if err != nil {
		return nil, data.Errorf(data.EInternal, "err.db.internal").Wrap(err)
	}
	return []column{{"vote_id", b.VoteID}, {"voter", b.Voter}, {"count", b.Count}, {"ballot", body}}, nil
}

// checkVotes checks the votes as OpenVote, SaveBallot, MarkVoted and CloseVote leave them: a vote
// belongs to a session held, on one of its items; it is open only while the session is in corso, and
// closed after it opened; its options are proposals or labels of their own, and its voters the seats
// of the session's body. A ballot belongs to a vote: an open ballot is a voter's own, one per voter,
// and a secret vote's ballots are all anonymous. Who voted is recorded in secret votes only, once per
// seat.
func checkVotes(ds data.Dataset) error {
	sessions := map[string]data.Session{}
	for _, x := range ds.Sessions {
		sessions[x.ID] = x
	}
	itemSession := map[string]string{}
	for _, it := range ds.Agenda {
		itemSession[it.ID] = it.SessionID
	}
	proposals := map[string]bool{}
	for _, p := range ds.Proposals {
		proposals[p.ID] = true
	}
	seatBody := map[string]string{}
	for _, st := range ds.Seats {
		seatBody[st.ID] = st.BodyID
	}
	corrupt := data.Errorf(data.ECorrupt, "err.db.corrupt")
	votes := map[string]data.Vote{}
	for _, v := range ds.Votes {
		sess, ok := sessions[v.SessionID]
		if !ok {
			return data.Errorf(data.ENotFound, "err.session.missing", "id", v.SessionID)
		}
		if !sess.Status.Held() || (v.Status == data.VoteAperta && sess.Status != data.SessionInCorso) {
			return data.Errorf(data.EInvalid, "err.session.not_running")
		}
		if v.AgendaItemID != "" && itemSession[v.AgendaItemID] != v.SessionID {
			return data.Errorf(data.ENotFound, "err.ref.missing", "kind", string(data.KindAgendaItem))
		}
		switch {
		case v.Opened.IsZero():
			return corrupt
		case v.Status == data.VoteAperta && !v.Closed.IsZero():
			return corrupt
		case v.Status == data.VoteChiusa && v.Closed.Before(v.Opened):
			return corrupt
		case v.Status != data.VoteAperta && v.Status != data.VoteChiusa:
			return corrupt
		}
		options := map[string]bool{}
		for _, o := range v.Options {
			if o.ID == "" || (!proposals[o.ID] && strings.TrimSpace(o.Label) == "") {
				return data.Errorf(data.ENotFound, "err.ref.missing", "kind", string(data.KindProposal))
			}
			if options[o.ID] {
				return data.Errorf(data.EInvalid, "err.vote.options_required")
			}
			options[o.ID] = true
		}
		criteria := map[string]bool{}
		for _, k := range v.Criteria {
			if strings.TrimSpace(k.ID) == "" || k.Weight <= 0 || criteria[k.ID] {
				return data.Errorf(data.EInvalid, "err.vote.criterion", "value", k.ID)
			}
			criteria[k.ID] = true
		}
		voters := map[string]bool{}
		for _, x := range v.Voters {
			if seatBody[x.ID] != sess.BodyID || voters[x.ID] {
				return data.Errorf(data.EInvalid, "err.vote.voter_unknown")
			}
			voters[x.ID] = true
		}
		votes[v.ID] = v
	}
	isVoter := func(v data.Vote, seat string) bool {
		for _, x := range v.Voters {
			if x.ID == seat {
				return true
			}
		}
		return false
	}
	cast := map[[2]string]bool{} // vote and seat of an open ballot
	for _, b := range ds.Ballots {
		v, ok := votes[b.VoteID]
		switch {
		case !ok:
			return data.Errorf(data.ENotFound, "err.vote.missing")
		case v.Secret && b.Voter != "":
			return data.Errorf(data.EInvalid, "err.vote.secret_voter")
		case b.Voter == "":
			continue
		case !isVoter(v, b.Voter) || max(b.Count, 1) != 1:
			return data.Errorf(data.EInvalid, "err.vote.voter_unknown")
		case cast[[2]string{v.ID, b.Voter}]:
			return corrupt // a seat's second ballot replaces its first: the store keeps one
		}
		cast[[2]string{v.ID, b.Voter}] = true
	}
	marked := map[[2]string]bool{}
	for _, t := range ds.Turnout {
		v, ok := votes[t.VoteID]
		switch {
		case !ok:
			return data.Errorf(data.ENotFound, "err.vote.missing")
		case !v.Secret:
			return data.Errorf(data.EInvalid, "err.vote.not_secret")
		case !isVoter(v, t.SeatID):
			return data.Errorf(data.EInvalid, "err.vote.voter_unknown")
		case marked[[2]string{v.ID, t.SeatID}]:
			return corrupt // MarkVoted records a seat once
		}
		marked[[2]string{v.ID, t.SeatID}] = true
	}
	return nil
}
