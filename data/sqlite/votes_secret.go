// A secret vote's count stays in memory until the vote closes (issue 19). Written as it was entered,
// the order in which seats were checked off and ballots counted would survive in the change sequence,
// in the WAL (every intermediate total) and in freed pages, and the two lists could be matched. Held
// here, it reaches the file once, in the transaction that closes the vote, in an order that owes
// nothing to the casting; the WAL is then emptied, and secure_delete (see dsn) zeroes what is freed.
//
// The price: a program that stops while a secret vote is open loses what was entered. The paper
// ballots are still in the urn; the window says so, and they are counted again.

package sqlite

import (
	"context"
	"database/sql"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/tavoli/tavoli/data"
)

// secretCount is what an open secret vote was given: the seats that voted (by id) and the ballots
// counted (in id order; their ids are handles for RemoveBallot, not the ids they will be stored with).
type secretCount struct {
	voted   []string
	ballots []data.VoteBallot
}

// secretCounts are the counts of the open secret votes this store holds, by vote id.
type secretCounts struct {
	mu     sync.Mutex
	counts map[string]secretCount
}

// get is a copy of the count held for a vote, false when this store holds none.
func (c *secretCounts) get(voteID string) (secretCount, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	x, ok := c.counts[voteID]
	return secretCount{voted: slices.Clone(x.voted), ballots: slices.Clone(x.ballots)}, ok
}

// set holds x as the vote's count.
func (c *secretCounts) set(voteID string, x secretCount) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.counts == nil {
		c.counts = map[string]secretCount{}
	}
	c.counts[voteID] = x
}

// drop forgets the counts of the votes gone says are gone.
func (c *secretCounts) drop(gone func(voteID string) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for id := range c.counts {
		if gone(id) {
			delete(c.counts, id)
		}
	}
}

// ids lists the votes whose counts are held.
func (c *secretCounts) ids() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]string, 0, len(c.counts))
	for id := range c.counts {
		out = append(out, id)
	}
	return out
}

// put adds a ballot, or replaces the one with its id, keeping the list in id order.
func (x *secretCount) put(b data.VoteBallot) {
	x.remove(b.ID)
	i := sort.Search(len(x.ballots), func(i int) bool { return x.ballots[i].ID >= b.ID })
	x.ballots = slices.Insert(x.ballots, i, b)
}

// remove takes a ballot away, false when there is none with that id.
func (x *secretCount) remove(id string) bool {
	n := len(x.ballots)
	x.ballots = slices.DeleteFunc(x.ballots, func(b data.VoteBallot) bool { return b.ID == id })
	return len(x.ballots) < n
}

// changeVote runs fn on the open vote voteID, in a write transaction. For a secret vote fn gets the
// count held in memory and changes it there: the transaction writes nothing and is rolled back, and the
// count changes only if fn succeeds. It takes the write lock all the same, so that the change comes in
// turn with every writer's, CloseVote's among them (in this program or another): no ballot lands on a
// vote that is being closed.
func (s *Store) changeVote(ctx context.Context, voteID string, fn func(tx *sql.Tx, v data.Vote, held *secretCount) error) error {
	if s.readOnly {
		return data.Errorf(data.EReadOnly, "err.db.readonly")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return dbError(err)
	}
	defer tx.Rollback()
	v, err := stillOpen(ctx, tx, voteID)
	if err != nil {
		return dbError(err)
	}
	if v.Secret {
		held, _ := s.secret.get(v.ID)
		if err := fn(tx, v, &held); err != nil {
			return dbError(err)
		}
		s.secret.set(v.ID, held)
		return nil
	}
	if err := fn(tx, v, nil); err != nil {
		return dbError(err)
	}
	if err := tx.Commit(); err != nil {
		return dbError(err)
	}
	s.mu.Lock()
	s.lastSaved = s.now()
	s.mu.Unlock()
	return nil
}

// ballotsOf is a vote's ballots and, for a secret vote, the seats that voted: held in memory while a
// secret vote this store counts is open, stored otherwise.
func (s *Store) ballotsOf(ctx context.Context, tx *sql.Tx, voteID string) ([]data.VoteBallot, []string, error) {
	if held, ok := s.secret.get(voteID); ok {
		var status string
		err := tx.QueryRowContext(ctx, `SELECT status FROM votes WHERE id = ? AND deleted = 0`, voteID).Scan(&status)
		if err != nil && err != sql.ErrNoRows {
			return nil, nil, err
		}
		if status == string(data.VoteAperta) {
			return held.ballots, held.voted, nil
		}
	}
	return ballots(ctx, tx, voteID)
}

// heldIn puts in a dossier the counts this store holds for its open secret votes, and names in
// NotHeld the open secret votes whose count is not here: entered before the program was last started,
// or in another window.
func (s *Store) heldIn(d *data.Dossier) {
	for _, v := range d.Votes {
		if !v.Secret || v.Status != data.VoteAperta {
			continue
		}
		if held, ok := s.secret.get(v.ID); ok {
			d.Ballots[v.ID], d.Voted[v.ID] = held.ballots, held.voted
			continue
		}
		if len(d.Ballots[v.ID])+len(d.Voted[v.ID]) == 0 {
			if d.NotHeld == nil {
				d.NotHeld = map[string]bool{}
			}
			d.NotHeld[v.ID] = true
		}
	}
}

// writeSecret writes, in the transaction that closes the secret vote v, the seats that voted and the
// ballots held for it, stamped with the vote's opening time. Every row gets a new id, drawn in an
// order its values alone decide (seats by id, ballots by content), and the rows go in sorted by id: the
// change sequence, the row keys and where each row lands in its page follow the ids, never the order
// in which seats were checked off or ballots entered.
func (s *Store) writeSecret(ctx context.Context, tx *sql.Tx, v data.Vote) error {
	held, _ := s.secret.get(v.ID)
	type row struct {
		kind data.Kind
		m    data.Meta
		cols []column
	}
	meta := func() data.Meta {
		return data.Meta{ID: s.newID(), Created: v.Opened, Updated: v.Opened, Device: s.device}
	}
	var voters, ballots []row
	for _, seat := range slices.Sorted(slices.Values(held.voted)) {
		voters = append(voters, row{data.KindVoteVoter, meta(), []column{{"vote_id", v.ID}, {"seat_id", seat}}})
	}
	type counted struct {
		body  string
		count int
	}
	var bs []counted
	for _, b := range held.ballots {
		body, err := ballotJSON(b)
		if err != nil {
			return data.Errorf(data.EInternal, "err.db.internal").Wrap(err)
		}
		bs = append(bs, counted{body, b.Count})
	}
	slices.SortFunc(bs, func(a, b counted) int {
		if c := strings.Compare(a.body, b.body); c != 0 {
			return c
		}
		return a.count - b.count
	})
	for _, b := range bs {
		ballots = append(ballots, row{data.KindVoteBallot, meta(), []column{{"vote_id", v.ID}, {"voter", ""},
			{"count", b.count}, {"ballot", b.body}}})
	}
	for _, rows := range [][]row{ballots, voters} {
		slices.SortFunc(rows, func(a, b row) int { return strings.Compare(a.m.ID, b.m.ID) })
		for _, r := range rows {
			if err := insertAs(ctx, tx, r.kind, r.m, r.cols); err != nil {
				return err
			}
		}
	}
	return nil
}

// settleSecret forgets the counts of votes that are no longer open (closed here or in another window,
// or deleted), and empties the WAL into the database.
func (s *Store) settleSecret(ctx context.Context) {
	closed := map[string]bool{}
	err := s.read(ctx, func(tx *sql.Tx) error {
		for _, id := range s.secret.ids() {
			var status string
			err := tx.QueryRowContext(ctx, `SELECT status FROM votes WHERE id = ? AND deleted = 0`, id).Scan(&status)
			if err != nil && err != sql.ErrNoRows {
				return err
			}
			closed[id] = status != string(data.VoteAperta)
		}
		return nil
	})
	if err == nil {
		s.secret.drop(func(id string) bool { return closed[id] })
	}
	s.truncateWAL(ctx)
}

// truncateWAL copies the WAL into the database and empties it, so that the versions of pages that a
// closing replaced are not kept beside the file. A reader that stays on an older snapshot (in another
// window) keeps it from finishing, and the WAL then stays as it is until the next closing or the last
// connection closes: no error is reported for it, since the closing itself is done and what a secret
// vote writes is written once, in its final order.
func (s *Store) truncateWAL(ctx context.Context) {
	var busy, frames, done int
	_ = s.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &frames, &done)
}

// vacuumSecret rewrites the whole file when migration 0018 asked for it: a file written before it may
// keep, in free pages and in the unused space of live ones, earlier states of its secret votes. VACUUM
// writes every page anew and the WAL is then emptied. A VACUUM that cannot run now (another window is
// reading) is tried again at the next open.
func (s *Store) vacuumSecret(ctx context.Context) {
	var pending int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM settings WHERE key = 'vacuum_secret'`).Scan(&pending); err != nil || pending == 0 {
		return
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM`); err != nil {
		return
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM settings WHERE key = 'vacuum_secret'`); err != nil {
		return
	}
	s.truncateWAL(ctx)
}
