package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

func voteCols(v data.Vote) ([]column, error) {
	var js [5][]byte
	var err error
	for i, x := range []any{v.Rules, v.Settings, orEmpty(v.Options), orEmpty(v.Criteria), orEmpty(v.Voters)} {
		if js[i], err = json.Marshal(x); err != nil {
			return nil, data.Errorf(data.EInternal, "err.db.internal").Wrap(err)
		}
	}
	return []column{{"session_id", v.SessionID}, {"agenda_item_id", nullable(v.AgendaItemID)}, {"subject", v.Subject},
		{"method", string(v.Method)}, {"secret", v.Secret}, {"rules", string(js[0])}, {"settings", string(js[1])},
		{"options", string(js[2])}, {"criteria", string(js[3])}, {"voters", string(js[4])}, {"status", string(v.Status)},
		{"opened", optTime(v.Opened)}, {"closed", optTime(v.Closed)}, {"quorum_present", v.QuorumPresent},
		{"quorum_required", v.QuorumRequired}, {"quorum_holds", v.QuorumHolds},
		{"quorum_population", v.QuorumPopulation}, {"quorum_required_population", v.QuorumRequiredPopulation},
		{"covers", coversJSON(v.Covers)}}, nil
}

// orEmpty stores a nil list as [] rather than null.
func orEmpty[T any](l []T) []T {
	if l == nil {
		return []T{}
	}
	return l
}

func scanVotes(rows *sql.Rows) ([]data.Vote, error) {
	defer rows.Close()
	var out []data.Vote
	for rows.Next() {
		var v data.Vote
		var rules, settings, options, criteria, voters, opened, closed, covers string
		m := metaScan{m: &v.Meta}
		if err := rows.Scan(append(m.dest(), &v.SessionID, &v.AgendaItemID, &v.Subject, &v.Method, &v.Secret, &rules,
			&settings, &options, &criteria, &voters, &v.Status, &opened, &closed, &v.QuorumPresent, &v.QuorumRequired,
			&v.QuorumHolds, &v.QuorumPopulation, &v.QuorumRequiredPopulation, &covers)...); err != nil {
			return nil, err
		}
		var errs [9]error
		errs[0] = m.finish()
		v.Opened, errs[1] = parseOptTime(opened)
		v.Closed, errs[2] = parseOptTime(closed)
		errs[3] = json.Unmarshal([]byte(rules), &v.Rules)
		errs[4] = json.Unmarshal([]byte(settings), &v.Settings)
		errs[5] = json.Unmarshal([]byte(options), &v.Options)
		errs[6] = json.Unmarshal([]byte(criteria), &v.Criteria)
		errs[7] = json.Unmarshal([]byte(voters), &v.Voters)
		errs[8] = json.Unmarshal([]byte(covers), &v.Covers)
		if len(v.Covers) == 0 {
			v.Covers = nil
		}
		if err := errors.Join(errs[:]...); err != nil {
			return nil, data.Errorf(data.ECorrupt, "err.db.corrupt").Wrap(err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

const voteSelect = `SELECT id, created, updated, device, deleted, session_id, coalesce(agenda_item_id, ''), subject,
	method, secret, rules, settings, options, criteria, voters, status, opened, closed, quorum_present,
	quorum_required, quorum_holds, quorum_population, quorum_required_population, covers FROM votes`

func sessionVotes(ctx context.Context, tx *sql.Tx, sessionID string) ([]data.Vote, error) {
	rows, err := tx.QueryContext(ctx, voteSelect+` WHERE session_id = ? AND deleted = 0 ORDER BY opened, id`, sessionID)
	if err != nil {
		return nil, err
	}
	return scanVotes(rows)
}

func loadVote(ctx context.Context, tx *sql.Tx, id string) (data.Vote, error) {
	rows, err := tx.QueryContext(ctx, voteSelect+` WHERE id = ? AND deleted = 0`, id)
	if err != nil {
		return data.Vote{}, err
	}
	list, err := scanVotes(rows)
	if err != nil {
		return data.Vote{}, err
	}
	if len(list) == 0 {
		return data.Vote{}, data.Errorf(data.ENotFound, "err.vote.missing")
	}
	return list[0], nil
}

// Votes lists the votes of a session in the order they were opened.
func (s *Store) Votes(ctx context.Context, sessionID string) ([]data.Vote, error) {
	var out []data.Vote
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = sessionVotes(ctx, tx, sessionID)
		return err
	})
	return out, err
}

// OpenVote opens a vote in a session in corso: the quorum is checked now, under the vote's rules and
// the session's call, and recorded with the seats as they are (who holds them, what they weigh). A
// lot's seed, when none is given, is derived from the vote's id, so a recount gives the same order.
func (s *Store) OpenVote(ctx context.Context, v data.Vote) (data.Vote, error) {
	v.Subject = strings.TrimSpace(v.Subject)
	if err := v.Validate(); err != nil {
		return v, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		v, err = s.openVote(ctx, tx, v)
		return err
	})
	if err == nil && v.Secret {
		s.secret.set(v.ID, secretCount{}) // its count is held here
	}
	return v, err
}

// openVote opens a vote within a transaction: see OpenVote.
func (s *Store) openVote(ctx context.Context, tx *sql.Tx, v data.Vote) (data.Vote, error) {
	err := func() error {
		sess, err := unlocked(ctx, tx, v.SessionID)
		if err != nil {
			return err
		}
		if sess.Status != data.SessionInCorso {
			return data.Errorf(data.EInvalid, "err.session.not_running")
		}
		if err := itemOf(ctx, tx, v.SessionID, v.AgendaItemID); err != nil {
			return err
		}
		if err := checkCovers(ctx, tx, v, sess); err != nil {
			return err
		}
		switch {
		case v.Secret && v.Rules.Weighting != data.WeightHead:
			// Anonymous ballots cannot be weighed by the population of a seat nobody may name.
			return data.Errorf(data.EInvalid, "err.vote.secret_weighted")
		case v.Secret && v.Rules.TieBreak == data.TieChair:
			return data.Errorf(data.EInvalid, "err.vote.secret_chair")
		}
		others, err := sessionVotes(ctx, tx, v.SessionID)
		if err != nil {
			return err
		}
		for _, o := range others {
			if o.Status == data.VoteAperta {
				return data.Errorf(data.EConflict, "err.vote.one_open", "subject", o.Subject)
			}
		}
		lines, seatList, err := register(ctx, tx, sess)
		if err != nil {
			return err
		}
		present := data.PresentSeats(lines, time.Time{})
		for _, l := range lines {
			if sess.PresidentID != "" && l.PersonID == sess.PresidentID && l.SeatID != "" && l.PresentAt(time.Time{}) {
				v.Settings.Chair = l.SeatID
			}
		}
		// The seats as they are now, not the caller's list.
		seats := make([]vote.OpeningSeat, 0, len(seatList))
		for _, st := range seatList {
			seats = append(seats, vote.OpeningSeat{ID: st.ID, Label: st.Name, Population: int64(st.Population)})
		}
		vote.RecordOpening(&v, sess.Call, seats, present)
		v.Status, v.Opened, v.Closed = data.VoteAperta, s.now().UTC(), time.Time{}
		if v.ID == "" {
			v.ID = s.newID()
		}
		if v.Settings.Seed == 0 {
			sum := sha256.Sum256([]byte(v.ID))
			v.Settings.Seed = int64(binary.BigEndian.Uint32(sum[:4]))
		}
		cols, err := voteCols(v)
		if err != nil {
			return err
		}
		return s.save(ctx, tx, data.KindVote, &v.Meta, cols)
	}()
	return v, err
}

// stillOpen loads a vote that must still be open, in an unlocked session.
func stillOpen(ctx context.Context, tx *sql.Tx, id string) (data.Vote, error) {
	v, err := loadVote(ctx, tx, id)
	if err != nil {
		return v, err
	}
	if _, err := unlocked(ctx, tx, v.SessionID); err != nil {
		return v, err
	}
	if v.Status != data.VoteAperta {
		return v, data.Errorf(data.EInvalid, "err.vote.closed")
	}
	return v, nil
}

func ballotJSON(b data.VoteBallot) (string, error) {
	x := struct {
		Choice     string                    `json:"choice,omitempty"`
		Allocation map[string]int            `json:"allocation,omitempty"`
		Ranking    []string                  `json:"ranking,omitempty"`
		Scores     map[string]map[string]int `json:"scores,omitempty"`
		Approve    []string                  `json:"approve,omitempty"`
	}{b.Choice, b.Allocation, b.Ranking, b.Scores, b.Approve}
	j, err := json.Marshal(x)
	return string(j), err
}

// SaveBallot records a ballot of an open vote. In an open vote a seat's ballot replaces the one it
// cast before (a correction while votes are taken); totals and paper ballots are anonymous ballots
// with a count. In a secret vote every ballot is anonymous, held in memory until the vote closes (see
// votes_secret.go), and entered only once nobody more can be checked off (see MarkVoted).
//
// A motion's total replaces the one entered for its choice, up or down: a total of 0 removes it (as
// RemoveBallot does), and the ballot returned then has no id. A seat's ballot, or a paper ballot
// without a count, counts 1.
func (s *Store) SaveBallot(ctx context.Context, b data.VoteBallot) (data.VoteBallot, error) {
	if b.Count < 0 {
		return b, data.Errorf(data.EInvalid, "err.vote.negative_count")
	}
	err := s.changeVote(ctx, b.VoteID, func(tx *sql.Tx, v data.Vote, held *secretCount) error {
		if v.Secret && b.Voter != "" {
			return data.Errorf(data.EInvalid, "err.vote.secret_voter")
		}
		var stored []data.VoteBallot
		var voted []string
		if held != nil {
			stored, voted = held.ballots, held.voted
		} else {
			var err error
			if stored, voted, err = ballots(ctx, tx, v.ID); err != nil {
				return err
			}
		}
		named, anonymous := 0, 0
		for _, x := range stored {
			if x.Voter != "" {
				named++
			} else {
				anonymous += max(x.Count, 1)
			}
		}
		b.ID = "" // a ballot never moves: its id is the one found here, or a new one
		if b.Voter == "" {
			switch {
			case v.Rules.Weighting != data.WeightHead:
				return data.Errorf(data.EInvalid, "err.vote.weighted_anonymous")
			case named > 0:
				return data.Errorf(data.EInvalid, "err.vote.mixed")
			}
			if v.Method == data.MethodMotion {
				// The totals of a choice are entered again, not added: the same choice replaces its
				// count, and 0 takes it away.
				for _, x := range stored {
					if x.Voter == "" && x.Choice == b.Choice {
						b.ID, b.Created = x.ID, x.Created
						anonymous -= max(x.Count, 1)
					}
				}
				if b.Count == 0 {
					if b.ID == "" {
						return nil // nothing was entered for this choice
					}
					id := b.ID
					b.ID, b.Created = "", time.Time{}
					if held != nil {
						held.remove(id)
						return nil
					}
					return s.removeBallot(ctx, tx, v, id)
				}
			}
			b.Count = max(b.Count, 1)
			if limit := ballotLimit(v, len(voted)); limit > 0 && anonymous+b.Count > limit {
				return data.Errorf(data.EInvalid, "err.vote.too_many", "limit", limit)
			}
		} else if anonymous > 0 {
			return data.Errorf(data.EInvalid, "err.vote.mixed")
		} else {
			b.Count = max(b.Count, 1)
		}
		if held != nil {
			// Anonymous and timeless, as it will be stored: the vote's opening time.
			if b.ID == "" {
				b.ID = s.newID()
			}
			b.VoteID, b.Created, b.Updated, b.Device = v.ID, v.Opened, v.Opened, s.device
			held.put(b)
			return nil
		}
		if b.Voter != "" {
			known := false
			for _, x := range v.Voters {
				known = known || x.ID == b.Voter
			}
			if !known || b.Count != 1 {
				return data.Errorf(data.EInvalid, "err.vote.voter_unknown")
			}
			var id string
			err := tx.QueryRowContext(ctx, `SELECT id FROM vote_ballots WHERE vote_id = ? AND voter = ? AND deleted = 0`,
				v.ID, b.Voter).Scan(&id)
			if err != nil && err != sql.ErrNoRows {
				return err
			}
			b.ID, b.Updated = id, time.Time{}
		}
		body, err := ballotJSON(b)
		if err != nil {
			return data.Errorf(data.EInternal, "err.db.internal").Wrap(err)
		}
		return s.save(ctx, tx, data.KindVoteBallot, &b.Meta, []column{{"vote_id", v.ID}, {"voter", b.Voter},
			{"count", b.Count}, {"ballot", body}})
	})
	return b, err
}

// RemoveBallot takes back a ballot entered by mistake, while the vote is open: a seat's ballot, a
// paper ballot or a total. The ballot stays as a tombstone, as every delete does; a secret vote's
// leaves nothing, since it was never written.
func (s *Store) RemoveBallot(ctx context.Context, voteID, ballotID string) error {
	return s.changeVote(ctx, voteID, func(tx *sql.Tx, v data.Vote, held *secretCount) error {
		if held == nil {
			return s.removeBallot(ctx, tx, v, ballotID)
		}
		if !held.remove(ballotID) {
			return data.Errorf(data.ENotFound, "err.record.deleted", "kind", string(data.KindVoteBallot))
		}
		return nil
	})
}

// removeBallot tombstones a stored ballot of the open vote v: see RemoveBallot.
func (s *Store) removeBallot(ctx context.Context, tx *sql.Tx, v data.Vote, ballotID string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM vote_ballots WHERE id = ? AND vote_id = ? AND deleted = 0`,
		ballotID, v.ID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return data.Errorf(data.ENotFound, "err.record.deleted", "kind", string(data.KindVoteBallot))
	}
	return s.setDeleted(ctx, tx, data.Ref{Kind: data.KindVoteBallot, ID: ballotID}, true)
}

// ballotLimit is how many anonymous ballots a vote can hold: in a secret vote whose turnout was
// recorded, one per seat that voted; otherwise one per seat present when it opened. 0: no seats, no
// limit known.
func ballotLimit(v data.Vote, voted int) int {
	if v.Secret && voted > 0 {
		return voted
	}
	n := 0
	for _, x := range v.Voters {
		if x.Present {
			n++
		}
	}
	return n
}

// MarkVoted records that a seat has cast its ballot in a secret vote: who voted, never what, held in
// memory until the vote closes like the ballots. It is refused once the counting has started (the
// first ballot entered), so that the order of the two lists can never be matched.
func (s *Store) MarkVoted(ctx context.Context, voteID, seatID string) error {
	return s.changeVote(ctx, voteID, func(tx *sql.Tx, v data.Vote, held *secretCount) error {
		if held == nil {
			return data.Errorf(data.EInvalid, "err.vote.not_secret")
		}
		known := false
		for _, x := range v.Voters {
			known = known || x.ID == seatID
		}
		if !known {
			return data.Errorf(data.EInvalid, "err.vote.voter_unknown")
		}
		if len(held.ballots) > 0 {
			return data.Errorf(data.EInvalid, "err.vote.counting_started")
		}
		if i, found := slices.BinarySearch(held.voted, seatID); !found {
			held.voted = slices.Insert(held.voted, i, seatID)
		}
		return nil
	})
}

// CloseVote closes a vote: no more ballots; its result is what the tally of its ballots says. A secret
// vote's voters and ballots are written now, all at once (see writeSecret), and the WAL is emptied.
func (s *Store) CloseVote(ctx context.Context, voteID string) (data.Vote, error) {
	var v data.Vote
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if v, err = stillOpen(ctx, tx, voteID); err != nil {
			return err
		}
		return s.closeVote(ctx, tx, &v, s.now().UTC())
	})
	if err == nil && v.Secret {
		s.settleSecret(ctx)
	}
	return v, err
}

// closeVote closes the open vote v at now, within a transaction: see CloseVote.
func (s *Store) closeVote(ctx context.Context, tx *sql.Tx, v *data.Vote, now time.Time) error {
	v.Status, v.Closed = data.VoteChiusa, now
	cols, err := voteCols(*v)
	if err != nil {
		return err
	}
	if err := s.save(ctx, tx, data.KindVote, &v.Meta, cols); err != nil {
		return err
	}
	if v.Secret {
		if err := s.writeSecret(ctx, tx, *v); err != nil {
			return err
		}
	}
	return s.applyValidation(ctx, tx, *v)
}

// Ballots lists a vote's ballots (open ones by seat, anonymous ones in key order) and, for a secret
// vote, the seats that voted (while it is open, those held by this store: see votes_secret.go).
func (s *Store) Ballots(ctx context.Context, voteID string) ([]data.VoteBallot, []string, error) {
	var bs []data.VoteBallot
	var voted []string
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		bs, voted, err = s.ballotsOf(ctx, tx, voteID)
		return err
	})
	return bs, voted, err
}

func ballots(ctx context.Context, tx *sql.Tx, voteID string) ([]data.VoteBallot, []string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, created, updated, device, deleted, vote_id, voter, count, ballot
		FROM vote_ballots WHERE vote_id = ? AND deleted = 0 ORDER BY voter, id`, voteID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []data.VoteBallot
	for rows.Next() {
		var b data.VoteBallot
		var body string
		m := metaScan{m: &b.Meta}
		if err := rows.Scan(append(m.dest(), &b.VoteID, &b.Voter, &b.Count, &body)...); err != nil {
			return nil, nil, err
		}
		if err := errors.Join(m.finish(), json.Unmarshal([]byte(body), &b)); err != nil {
			return nil, nil, data.Errorf(data.ECorrupt, "err.db.corrupt").Wrap(err)
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	vrows, err := tx.QueryContext(ctx, `SELECT seat_id FROM vote_voters WHERE vote_id = ? AND deleted = 0 ORDER BY seat_id`, voteID)
	if err != nil {
		return nil, nil, err
	}
	defer vrows.Close()
	var voted []string
	for vrows.Next() {
		var id string
		if err := vrows.Scan(&id); err != nil {
			return nil, nil, err
		}
		voted = append(voted, id)
	}
	return out, voted, vrows.Err()
}

// closeOpenVotes closes the votes of a session that are still open.
func (s *Store) closeOpenVotes(ctx context.Context, tx *sql.Tx, sessionID string, now time.Time) error {
	votes, err := sessionVotes(ctx, tx, sessionID)
	if err != nil {
		return err
	}
	for _, v := range votes {
		if v.Status != data.VoteAperta {
			continue
		}
		if err := s.closeVote(ctx, tx, &v, now); err != nil {
			return err
		}
	}
	return nil
}

// VoteRecord is a vote with the call of its session and its ballots, read in one transaction.
func (s *Store) VoteRecord(ctx context.Context, voteID string) (data.VoteRecord, error) {
	var r data.VoteRecord
	err := s.read(ctx, func(tx *sql.Tx) error {
		v, err := loadVote(ctx, tx, voteID)
		if err != nil {
			return err
		}
		sess, err := loadSession(ctx, tx, v.SessionID)
		if err != nil {
			return err
		}
		bs, _, err := s.ballotsOf(ctx, tx, voteID)
		if err != nil {
			return err
		}
		r = data.VoteRecord{Vote: v, Call: sess.Call, Ballots: bs}
		return nil
	})
	return r, err
}
