package sqlite

import (
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// tally is a vote's stored ballots as choice -> count, and how many rows hold them.
func (m *meeting) tally(t *testing.T, voteID string) (map[string]int, int) {
	t.Helper()
	bs, _, err := m.s.Ballots(m.ctx, voteID)
	must(t, "Ballots", err)
	got := map[string]int{}
	for _, b := range bs {
		got[b.Choice] += b.Count
	}
	return got, len(bs)
}

func TestVoteTotalsGoDownAndToZero(t *testing.T) {
	for _, secret := range []bool{false, true} {
		name := map[bool]string{false: "open", true: "secret"}[secret]
		t.Run(name, func(t *testing.T) {
			m := runningMarch(t) // two seats present
			v := m.openVote(t, data.Vote{Method: data.MethodMotion, Subject: "Per alzata di mano", Secret: secret})
			total := func(choice string, n int) error {
				_, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Count: n, Choice: choice})
				return err
			}
			must(t, "favorevole 2", total("favorevole", 2))
			must(t, "favorevole down to 1", total("favorevole", 1))
			must(t, "contrario 1", total("contrario", 1))
			if got, rows := m.tally(t, v.ID); got["favorevole"] != 1 || got["contrario"] != 1 || rows != 2 {
				t.Fatalf("after going down: %v in %d rows, want 1 favorevole and 1 contrario", got, rows)
			}
			must(t, "contrario to 0", total("contrario", 0))
			must(t, "astenuto 0, never entered", total("astenuto", 0))
			if got, rows := m.tally(t, v.ID); got["favorevole"] != 1 || got["contrario"] != 0 || rows != 1 {
				t.Fatalf("after a total of 0: %v in %d rows, want 1 favorevole alone", got, rows)
			}
			must(t, "astenuto 1 where contrario was", total("astenuto", 1))
			wantErr(t, "a negative total", total("favorevole", -1), data.EInvalid, "err.vote.negative_count")
			// The removed total is a tombstone; a secret vote's totals are not written before it closes,
			// and the one removed never is.
			rows := func() (live, deleted int) {
				must(t, "rows", m.s.db.QueryRow(`SELECT count(*) FILTER (WHERE deleted = 0), count(*) FILTER (WHERE deleted = 1)
					FROM vote_ballots WHERE vote_id = ?`, v.ID).Scan(&live, &deleted))
				return live, deleted
			}
			if live, deleted := rows(); secret && live+deleted != 0 || !secret && deleted != 1 {
				t.Errorf("open vote: %d ballot rows and %d tombstones stored; want %s", live, deleted,
					map[bool]string{false: "the contrario total's tombstone", true: "none"}[secret])
			}
			closed, err := m.s.CloseVote(m.ctx, v.ID)
			must(t, "CloseVote", err)
			if got, _ := m.tally(t, closed.ID); got["favorevole"] != 1 || got["astenuto"] != 1 || got["contrario"] != 0 {
				t.Errorf("closed vote counts %v, want 1 favorevole and 1 astenuto", got)
			}
			if live, deleted := rows(); secret && (live != 2 || deleted != 0) {
				t.Errorf("closed secret vote: %d ballot rows and %d tombstones, want the 2 totals alone", live, deleted)
			}
		})
	}
}

func TestRemoveBallot(t *testing.T) {
	m := runningMarch(t)
	v := m.openVote(t, data.Vote{Method: data.MethodMotion, Subject: "Approvazione"})
	b, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Voter: m.seatRossi.ID, Choice: "favorevole"})
	must(t, "SaveBallot(Rossi)", err)
	_, err = m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Voter: m.seatBianchi.ID, Choice: "contrario"})
	must(t, "SaveBallot(Bianchi)", err)
	must(t, "RemoveBallot", m.s.RemoveBallot(m.ctx, v.ID, b.ID))
	wantErr(t, "RemoveBallot(twice)", m.s.RemoveBallot(m.ctx, v.ID, b.ID), data.ENotFound, "err.record.deleted")
	if got, rows := m.tally(t, v.ID); got["favorevole"] != 0 || got["contrario"] != 1 || rows != 1 {
		t.Fatalf("after RemoveBallot: %v in %d rows, want Bianchi's contrario alone", got, rows)
	}
	// The seat votes again: a new ballot, the tombstone left alone.
	_, err = m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Voter: m.seatRossi.ID, Choice: "astenuto"})
	must(t, "SaveBallot(Rossi again)", err)
	var tomb int
	must(t, "tombstones", m.s.db.QueryRow(`SELECT count(*) FROM vote_ballots WHERE id = ? AND deleted = 1`, b.ID).Scan(&tomb))
	if tomb != 1 {
		t.Errorf("the removed ballot left %d tombstones, want 1", tomb)
	}
	_, err = m.s.CloseVote(m.ctx, v.ID)
	must(t, "CloseVote", err)
	bs, _, err := m.s.Ballots(m.ctx, v.ID)
	must(t, "Ballots", err)
	err = m.s.RemoveBallot(m.ctx, v.ID, bs[0].ID)
	wantErr(t, "RemoveBallot(closed vote)", err, data.EInvalid, "err.vote.closed")
}

func TestRemoveSecretBallotKeepsNoLink(t *testing.T) {
	m := runningMarch(t)
	v := m.openVote(t, data.Vote{Method: data.MethodBorda, Subject: "Priorità", Secret: true,
		Options: []data.VoteOption{{ID: "a", Label: "A"}, {ID: "b", Label: "B"}}})
	for _, seat := range []string{m.seatBianchi.ID, m.seatRossi.ID} {
		must(t, "MarkVoted", m.s.MarkVoted(m.ctx, v.ID, seat))
	}
	m.clock.set(meetDay(3, 12, 16, 5))
	wrong, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Ranking: []string{"a", "b"}})
	must(t, "SaveBallot", err)
	m.clock.set(meetDay(3, 12, 16, 7))
	must(t, "RemoveBallot", m.s.RemoveBallot(m.ctx, v.ID, wrong.ID))
	for _, r := range [][]string{{"b", "a"}, {"a", "b"}} {
		_, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Ranking: r})
		must(t, "SaveBallot", err)
	}
	_, err = m.s.CloseVote(m.ctx, v.ID)
	must(t, "CloseVote", err)
	// Every row carries the vote's opening time and no seat; the removed ballot left no tombstone.
	opened := fmtTime(v.Opened)
	rows, err := m.s.db.Query(`SELECT voter || '|' || created || '|' || updated FROM vote_ballots WHERE vote_id = ?`, v.ID)
	must(t, "query", err)
	defer rows.Close()
	n := 0
	for rows.Next() {
		var s string
		must(t, "scan", rows.Scan(&s))
		if s != "|"+opened+"|"+opened {
			t.Errorf("ballot row %q, want no voter and the opening time %s", s, opened)
		}
		n++
	}
	if n != 2 {
		t.Errorf("%d ballot rows, want 2", n)
	}
	if _, count := m.tally(t, v.ID); count != 2 {
		t.Errorf("%d ballots counted, want 2", count)
	}
}

// TestSecretBlankTotal: the schede bianche e nulle of a secret motion are a fourth total, an anonymous
// ballot without a choice, replaced like the others; the vote keeps the rule that counts them among
// the votanti, so the closed vote is tallied with it.
func TestSecretBlankTotal(t *testing.T) {
	m := runningMarch(t) // two seats present
	rules := m.tavolo.Rules
	rules.Threshold, rules.BlankVotanti = data.ThresholdAbsolute, true
	v := m.openVote(t, data.Vote{Method: data.MethodMotion, Subject: "Nomina del referente", Secret: true, Rules: rules})
	for _, seat := range []string{m.seatBianchi.ID, m.seatRossi.ID} {
		must(t, "MarkVoted", m.s.MarkVoted(m.ctx, v.ID, seat))
	}
	total := func(choice string, n int) error {
		_, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Count: n, Choice: choice})
		return err
	}
	must(t, "favorevole 1", total(vote.Favorevole, 1))
	must(t, "bianche 1", total("", 1))
	must(t, "bianche 1 again: replaces, or the two seats would be exceeded", total("", 1))
	if got, rows := m.tally(t, v.ID); got[vote.Favorevole] != 1 || got[""] != 1 || rows != 2 {
		t.Fatalf("totals = %v in %d rows, want 1 favorevole and 1 bianca", got, rows)
	}
	closed, err := m.s.CloseVote(m.ctx, v.ID)
	must(t, "CloseVote", err)
	bs, _, err := m.s.Ballots(m.ctx, v.ID)
	must(t, "Ballots", err)
	r, err := vote.Tally(vote.CountOf(closed, data.CallPrima, bs))
	must(t, "Tally", err)
	// 1 favorevole of 2 votanti is no absolute majority; without the rule it would be 1 of 1.
	if r.Motion == nil || r.Votanti != 2 || r.Approved || len(r.Invalid) != 1 {
		t.Errorf("Tally(closed vote) = %+v, want 2 votanti, one scheda bianca, rejected", r)
	}
}
