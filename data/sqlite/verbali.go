package sqlite

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// ApproveVerbale approves a closed session's verbale during a later session of the same body that is
// in corso, by a vote on the approving item. The rules are checked here, for every caller: the
// approving session must have its numero legale, the vote must approve, and the PDF kept is rendered
// here (Options.Verbale) from the data being approved, saying when, by which session and with what vote
// it was approved. The vote and the decision are recorded on the approving item, which is marked done,
// the verbale's number is fixed, and the approved session is locked. All of it or none.
func (s *Store) ApproveVerbale(ctx context.Context, a data.Approval) (data.Verbale, error) {
	var v data.Verbale
	if s.render == nil {
		return v, data.Errorf(data.EInternal, "err.verbale.no_renderer")
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		sess, err := unlocked(ctx, tx, a.SessionID)
		if err != nil {
			return err
		}
		in, err := unlocked(ctx, tx, a.InSessionID)
		if err != nil {
			return err
		}
		switch {
		case sess.Status != data.SessionChiusa:
			return data.Errorf(data.EInvalid, "err.verbale.not_closed")
		case in.BodyID != sess.BodyID || !in.Date.After(sess.Date):
			return data.Errorf(data.EInvalid, "err.verbale.wrong_session")
		case in.Status != data.SessionInCorso:
			return data.Errorf(data.EInvalid, "err.session.not_running")
		}
		if err := itemOf(ctx, tx, in.ID, a.AgendaItemID); err != nil {
			return err
		}
		body, err := loadBody(ctx, tx, in.BodyID)
		if err != nil {
			return err
		}
		// Without the numero legale the session cannot approve anything.
		lines, seatList, err := register(ctx, tx, in)
		if err != nil {
			return err
		}
		present := data.PresentSeats(lines, time.Time{})
		weights := make([]data.SeatWeight, 0, len(seatList))
		for _, st := range seatList {
			weights = append(weights, data.SeatWeight{ID: st.ID, Population: int64(st.Population)})
		}
		if q := vote.CheckQuorum(body.Rules, in.Call, weights, present); !q.Holds {
			return data.Errorf(data.EInvalid, "err.verbale.no_quorum", "present", q.Present, "seats", q.Seats)
		}
		x, bs, err := s.approvalVote(ctx, tx, a, sess, body.Rules)
		if err != nil {
			return err
		}
		decision := data.Decision{SessionID: in.ID, AgendaItemID: a.AgendaItemID, Text: strings.TrimSpace(a.Decision),
			VoteID: x.ID}
		if decision.Text == "" {
			decision.Text = data.ApprovalDecision(sess)
		}
		if err := s.save(ctx, tx, data.KindDecision, &decision.Meta, decisionCols(decision)); err != nil {
			return err
		}
		numbers, err := bodyNumbers(ctx, tx, sess.BodyID)
		if err != nil {
			return err
		}
		sess.Status, sess.ApprovedInID, sess.Number = data.SessionApprovata, in.ID, numbers[sess.ID]
		if err := s.save(ctx, tx, data.KindSession, &sess.Meta, sessionCols(sess)); err != nil {
			return err
		}
		// The act as approved, from what is now stored.
		d, err := dossier(ctx, tx, sess.ID)
		if err != nil {
			return err
		}
		d.ApprovedIn = &in
		d.Approval = &data.ApprovalRecord{Session: in, Vote: x, Ballots: bs}
		pdf, err := s.render(d)
		if err != nil {
			return data.Errorf(data.EInternal, "err.document.render").Wrap(err)
		}
		now := s.now().UTC()
		sum := sha256.Sum256(pdf)
		v = data.Verbale{SessionID: sess.ID, ApprovedInID: in.ID, DecisionID: decision.ID, Approved: now,
			SHA256: hex.EncodeToString(sum[:]), PDF: pdf}
		if err := s.save(ctx, tx, data.KindVerbale, &v.Meta, verbaleCols(v)); err != nil {
			return err
		}
		if a.AgendaItemID != "" {
			updated, err := s.touched(ctx, tx, "agenda_items", a.AgendaItemID, now)
			if err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `UPDATE agenda_items SET done = 1, updated = ?, device = ? WHERE id = ?`,
				updated, s.device, a.AgendaItemID)
			return err
		}
		return nil
	})
	return v, err
}

// approvalVote records the vote approving a verbale: a motion, open, opened and closed at once, with a
// ballot per seat present (favorevole unless listed among the contrari or astenuti) or the totals of a
// show of hands. A vote that does not approve approves nothing: it is refused with its figures.
func (s *Store) approvalVote(ctx context.Context, tx *sql.Tx, a data.Approval, sess data.Session,
	rules data.Rules) (data.Vote, []data.VoteBallot, error) {
	x, err := s.openVote(ctx, tx, data.Vote{SessionID: a.InSessionID, AgendaItemID: a.AgendaItemID,
		Subject: data.ApprovalSubject(sess), Method: data.MethodMotion, Rules: rules})
	if err != nil {
		return x, nil, err
	}
	present := map[string]bool{}
	for _, st := range x.Voters {
		present[st.ID] = st.Present
	}
	var bs []data.VoteBallot
	if t := a.Totals; t != nil {
		if len(a.Contrari)+len(a.Astenuti) > 0 {
			return x, nil, data.Errorf(data.EInvalid, "err.approval.totals_and_seats")
		}
		if rules.Weighting != data.WeightHead {
			return x, nil, data.Errorf(data.EInvalid, "err.vote.weighted_anonymous")
		}
		if t.Favorevoli < 0 || t.Contrari < 0 || t.Astenuti < 0 || t.Favorevoli+t.Contrari+t.Astenuti == 0 {
			return x, nil, data.Errorf(data.EInvalid, "err.approval.totals")
		}
		if limit := ballotLimit(x, 0); t.Favorevoli+t.Contrari+t.Astenuti > limit {
			return x, nil, data.Errorf(data.EInvalid, "err.vote.too_many", "limit", limit)
		}
		for _, c := range []struct {
			choice string
			n      int
		}{{vote.Favorevole, t.Favorevoli}, {vote.Contrario, t.Contrari}, {vote.Astenuto, t.Astenuti}} {
			if c.n > 0 {
				bs = append(bs, data.VoteBallot{VoteID: x.ID, Count: c.n, Choice: c.choice})
			}
		}
	} else {
		choice := map[string]string{}
		for _, g := range []struct {
			seats  []string
			choice string
		}{{a.Contrari, vote.Contrario}, {a.Astenuti, vote.Astenuto}} {
			for _, id := range g.seats {
				if !present[id] || choice[id] != "" {
					return x, nil, data.Errorf(data.EInvalid, "err.approval.seat")
				}
				choice[id] = g.choice
			}
		}
		for _, st := range x.Voters {
			if st.Present {
				bs = append(bs, data.VoteBallot{VoteID: x.ID, Voter: st.ID, Count: 1, Choice: cmp.Or(choice[st.ID], vote.Favorevole)})
			}
		}
	}
	for i := range bs {
		body, err := ballotJSON(bs[i])
		if err != nil {
			return x, nil, data.Errorf(data.EInternal, "err.db.internal").Wrap(err)
		}
		cols := []column{{"vote_id", x.ID}, {"voter", bs[i].Voter}, {"count", bs[i].Count}, {"ballot", body}}
		if err := s.save(ctx, tx, data.KindVoteBallot, &bs[i].Meta, cols); err != nil {
			return x, nil, err
		}
	}
	x.Status, x.Closed = data.VoteChiusa, x.Opened
	cols, err := voteCols(x)
	if err != nil {
		return x, nil, err
	}
	if err := s.save(ctx, tx, data.KindVote, &x.Meta, cols); err != nil {
		return x, nil, err
	}
	r, err := vote.Tally(vote.CountOf(x, sess.Call, bs))
	if err != nil {
		return x, nil, data.Errorf(data.EInvalid, "err.approval.count").Wrap(err)
	}
	if r.Outcome() != vote.OutcomeApproved {
		f := r.Motion.Sums
		return x, nil, data.Errorf(data.EInvalid, "err.approval.rejected", "favorevoli", f.Favorevoli,
			"contrari", f.Contrari, "astenuti", f.Astenuti)
	}
	return x, bs, nil
}

// bodyNumbers numbers the verbali of a body's sessions (see data.VerbaleNumbers).
func bodyNumbers(ctx context.Context, tx *sql.Tx, bodyID string) (map[string]int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("s")+`, `+sessionSelect+` FROM sessions s
		WHERE s.body_id = ? AND s.deleted = 0`, bodyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all []data.Session
	for rows.Next() {
		x, err := scanSession(rows)
		if err != nil {
			return nil, err
		}
		all = append(all, x)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return data.VerbaleNumbers(all), nil
}

// Verbale returns a session's approved verbale, ENotFound when it has none.
func (s *Store) Verbale(ctx context.Context, sessionID string) (data.Verbale, error) {
	var v data.Verbale
	err := s.read(ctx, func(tx *sql.Tx) error {
		var approved string
		m := metaScan{m: &v.Meta}
		err := tx.QueryRowContext(ctx, `SELECT `+metaCols("v")+`, v.session_id, v.approved_in_id, v.decision_id, v.approved,
			v.sha256, v.pdf FROM verbali v WHERE v.session_id = ? AND v.deleted = 0`, sessionID).Scan(
			append(m.dest(), &v.SessionID, &v.ApprovedInID, &v.DecisionID, &approved, &v.SHA256, &v.PDF)...)
		if err == sql.ErrNoRows {
			return data.Errorf(data.ENotFound, "err.verbale.none")
		}
		if err != nil {
			return err
		}
		if v.Approved, err = parseTime(approved); err != nil {
			return err
		}
		return m.finish()
	})
	return v, err
}

// Correct starts the correction act of an approved session: a new session of the same body, in bozza,
// linked to the one it corrects, with one item (title) before "Varie ed eventuali". The approved
// session and its verbale stay as they are.
func (s *Store) Correct(ctx context.Context, sessionID, title string, date time.Time) (data.Session, error) {
	var c data.Session
	err := s.write(ctx, func(tx *sql.Tx) error {
		orig, err := loadSession(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if !orig.Status.Locked() {
			return data.Errorf(data.EInvalid, "err.correction.not_approved")
		}
		c = data.Session{BodyID: orig.BodyID, Status: data.SessionBozza, Call: data.CallPrima, Date: date.UTC(),
			Place: orig.Place, PresidentID: orig.PresidentID, SecretaryID: orig.SecretaryID, CorrectsID: orig.ID}
		if err := c.Validate(); err != nil {
			return err
		}
		if err := s.save(ctx, tx, data.KindSession, &c.Meta, sessionCols(c)); err != nil {
			return err
		}
		titles := []string{data.DefaultAgenda[0], title, data.DefaultAgenda[len(data.DefaultAgenda)-1]}
		for i, t := range titles {
			it := data.AgendaItem{SessionID: c.ID, Position: i + 1, Title: t}
			if err := it.Validate(); err != nil {
				return err
			}
			if err := s.save(ctx, tx, data.KindAgendaItem, &it.Meta, agendaCols(it)); err != nil {
				return err
			}
		}
		return nil
	})
	return c, err
}
