package sqlite

import (
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// runningMarch is the march session in corso with Rossi and Bianchi present on their seats.
func runningMarch(t *testing.T) *meeting {
	t.Helper()
	m := newMeeting(t)
	m.start(t, m.march.ID)
	m.checkIn(t, data.Attendance{SessionID: m.march.ID, PersonID: m.rossi.ID, SeatID: m.seatRossi.ID})
	m.checkIn(t, data.Attendance{SessionID: m.march.ID, PersonID: m.bianchi.ID, SeatID: m.seatBianchi.ID})
	return m
}

func (m *meeting) openVote(t *testing.T, v data.Vote) data.Vote {
	t.Helper()
	v.SessionID = m.march.ID
	if v.Rules.Weighting == "" {
		v.Rules = m.tavolo.Rules
	}
	v, err := m.s.OpenVote(m.ctx, v)
	must(t, "OpenVote", err)
	return v
}

func TestVoteOpenRecordsQuorumAndSeats(t *testing.T) {
	m := runningMarch(t)
	v := m.openVote(t, data.Vote{Method: data.MethodMotion, Subject: "Approvazione della mappa dei servizi"})
	// Three seats (Rossi, Bianchi, the Girasole cooperative): half plus one is 2, and 2 are held.
	if v.Status != data.VoteAperta || v.QuorumPresent != 2 || v.QuorumRequired != 2 || !v.QuorumHolds {
		t.Errorf("OpenVote = %s, quorum %d/%d holds %v; want aperta, 2/2, true", v.Status, v.QuorumPresent,
			v.QuorumRequired, v.QuorumHolds)
	}
	present := 0
	for _, x := range v.Voters {
		if x.Present {
			present++
		}
	}
	if len(v.Voters) != 3 || present != 2 || v.Settings.Seed == 0 {
		t.Errorf("OpenVote voters = %+v, seed %d; want 3 seats, 2 present, a seed", v.Voters, v.Settings.Seed)
	}
	if v.Settings.Chair != m.seatBianchi.ID {
		t.Errorf("OpenVote chair = %q, want the seat of Bianchi, who presides", v.Settings.Chair)
	}
	votes, err := m.s.Votes(m.ctx, m.march.ID)
	must(t, "Votes", err)
	if len(votes) != 1 || votes[0].Subject != v.Subject || len(votes[0].Voters) != 3 {
		t.Errorf("Votes = %+v, want the vote as opened", votes)
	}
}

func TestVoteRefused(t *testing.T) {
	m := newMeeting(t)
	_, err := m.s.OpenVote(m.ctx, data.Vote{SessionID: m.march.ID, Method: data.MethodMotion, Subject: "x", Rules: m.tavolo.Rules})
	wantErr(t, "OpenVote(session not in corso)", err, data.EInvalid, "err.session.not_running")
	m.start(t, m.march.ID)
	for _, tt := range []struct {
		name string
		v    data.Vote
		key  string
	}{
		{"motion without subject", data.Vote{Method: data.MethodMotion}, "err.vote.subject_required"},
		{"dots with one option", data.Vote{Method: data.MethodDots, Options: []data.VoteOption{{ID: "a", Label: "A"}}}, "err.vote.options_required"},
		{"score without criteria", data.Vote{Method: data.MethodScore, Options: []data.VoteOption{{ID: "a"}, {ID: "b"}}}, "err.vote.criteria_required"},
		{"unknown method", data.Vote{Method: "sorteggio"}, "err.vote.method"},
	} {
		tt.v.SessionID, tt.v.Rules = m.march.ID, m.tavolo.Rules
		_, err := m.s.OpenVote(m.ctx, tt.v)
		wantErr(t, "OpenVote("+tt.name+")", err, data.EInvalid, tt.key)
	}
}

func TestVoteOpenBallots(t *testing.T) {
	m := runningMarch(t)
	v := m.openVote(t, data.Vote{Method: data.MethodMotion, Subject: "Mappa dei servizi"})
	cast := func(b data.VoteBallot) {
		t.Helper()
		b.VoteID = v.ID
		_, err := m.s.SaveBallot(m.ctx, b)
		must(t, "SaveBallot", err)
	}
	cast(data.VoteBallot{Voter: m.seatRossi.ID, Choice: "favorevole"})
	cast(data.VoteBallot{Voter: m.seatRossi.ID, Choice: "contrario"}) // a correction replaces the first
	cast(data.VoteBallot{Voter: m.seatBianchi.ID, Choice: "astenuto"})
	// Totals on top of seats' ballots would count them twice.
	_, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Count: 4, Choice: "favorevole"})
	wantErr(t, "SaveBallot(totals after ballots by seat)", err, data.EInvalid, "err.vote.mixed")
	bs, voted, err := m.s.Ballots(m.ctx, v.ID)
	must(t, "Ballots", err)
	byVoter := map[string]string{}
	for _, b := range bs {
		byVoter[b.Voter] = b.Choice
	}
	if len(bs) != 2 || byVoter[m.seatRossi.ID] != "contrario" || len(voted) != 0 {
		t.Errorf("Ballots = %+v (voted %v), want Rossi's corrected ballot and Bianchi's", bs, voted)
	}
	_, err = m.s.Delete(m.ctx, data.Ref{Kind: data.KindVoteBallot, ID: bs[0].ID})
	wantErr(t, "Delete(a ballot)", err, data.EInvalid, "err.delete.kind")
	_, err = m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Voter: "not-a-seat", Choice: "favorevole"})
	wantErr(t, "SaveBallot(unknown seat)", err, data.EInvalid, "err.vote.voter_unknown")
	err = m.s.MarkVoted(m.ctx, v.ID, m.seatRossi.ID)
	wantErr(t, "MarkVoted(open vote)", err, data.EInvalid, "err.vote.not_secret")

	closed, err := m.s.CloseVote(m.ctx, v.ID)
	must(t, "CloseVote", err)
	if closed.Status != data.VoteChiusa || closed.Closed.IsZero() {
		t.Errorf("CloseVote = %s at %v", closed.Status, closed.Closed)
	}
	_, err = m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Count: 1, Choice: "favorevole"})
	wantErr(t, "SaveBallot(closed vote)", err, data.EInvalid, "err.vote.closed")
	d, err := m.s.Dossier(m.ctx, m.march.ID)
	must(t, "Dossier", err)
	if len(d.Votes) != 1 || len(d.Ballots[v.ID]) != 2 {
		t.Errorf("Dossier votes = %d, ballots %d; want 1 and 2", len(d.Votes), len(d.Ballots[v.ID]))
	}
}

// TestSecretVoteKeepsNoLink: a secret vote stores who voted and what was chosen apart, never together,
// with nothing (row keys, times, device order) that lets one be matched with the other.
func TestSecretVoteKeepsNoLink(t *testing.T) {
	m := runningMarch(t)
	v := m.openVote(t, data.Vote{Method: data.MethodMotion, Subject: "Nomina del rappresentante", Secret: true})
	m.clock.set(meetDay(3, 12, 16, 0))
	for _, seat := range []string{m.seatBianchi.ID, m.seatRossi.ID} {
		must(t, "MarkVoted", m.s.MarkVoted(m.ctx, v.ID, seat))
	}
	_, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Voter: m.seatRossi.ID, Choice: "favorevole"})
	wantErr(t, "SaveBallot(secret, with the voter)", err, data.EInvalid, "err.vote.secret_voter")
	m.clock.set(meetDay(3, 12, 16, 5))
	for _, c := range []string{"favorevole", "contrario"} {
		_, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Count: 1, Choice: c})
		must(t, "SaveBallot(anonymous)", err)
	}
	err = m.s.MarkVoted(m.ctx, v.ID, m.seatGirasole.ID)
	wantErr(t, "MarkVoted(after the counting started)", err, data.EInvalid, "err.vote.counting_started")

	bs, voted, err := m.s.Ballots(m.ctx, v.ID)
	must(t, "Ballots", err)
	if len(bs) != 2 || len(voted) != 2 {
		t.Fatalf("Ballots = %d ballots, %d voters; want 2 and 2", len(bs), len(voted))
	}
	m.clock.set(meetDay(3, 12, 16, 9))
	_, err = m.s.CloseVote(m.ctx, v.ID)
	must(t, "CloseVote", err)
	if bs, voted, err = m.s.Ballots(m.ctx, v.ID); err != nil || len(bs) != 2 || len(voted) != 2 {
		t.Fatalf("Ballots(closed) = %d ballots, %d voters, %v; want 2 and 2", len(bs), len(voted), err)
	}
	// No ballot row names a voter, and every row of both lists carries the vote's own opening time: the
	// clock moved between them, and nothing shows it.
	opened := fmtTime(v.Opened)
	for _, q := range []string{
		`SELECT voter || '|' || created || '|' || updated FROM vote_ballots WHERE vote_id = ?`,
		`SELECT '|' || created || '|' || updated FROM vote_voters WHERE vote_id = ?`,
	} {
		rows, err := m.s.db.Query(q, v.ID)
		must(t, "query", err)
		n := 0
		for rows.Next() {
			var s string
			must(t, "scan", rows.Scan(&s))
			if s != "|"+opened+"|"+opened {
				t.Errorf("%s: row %q, want no voter and the opening time %s", q, s, opened)
			}
			n++
		}
		rows.Close()
		if n != 2 {
			t.Errorf("%s: %d rows, want 2", q, n)
		}
	}
	// No table other than the two holds the vote's seats and its choices together.
	var n int
	must(t, "count", m.s.db.QueryRow(`SELECT count(*) FROM vote_ballots WHERE vote_id = ? AND (voter <> ''
		OR ballot LIKE '%`+m.seatRossi.ID+`%')`, v.ID).Scan(&n))
	if n != 0 {
		t.Errorf("%d ballots name a seat", n)
	}
	var ddl string
	must(t, "ddl", m.s.db.QueryRow(`SELECT sql FROM sqlite_master WHERE name = 'vote_ballots'`).Scan(&ddl))
	if !strings.Contains(ddl, "WITHOUT ROWID") {
		t.Error("vote_ballots keeps a rowid: the insertion order would be readable")
	}
}

func TestVoteTotals(t *testing.T) {
	m := runningMarch(t) // two seats present
	v := m.openVote(t, data.Vote{Method: data.MethodMotion, Subject: "Per alzata di mano"})
	_, err := m.s.OpenVote(m.ctx, data.Vote{SessionID: m.march.ID, Method: data.MethodMotion, Subject: "Un'altra", Rules: m.tavolo.Rules})
	wantErr(t, "OpenVote(while another is open)", err, data.EConflict, "err.vote.one_open")
	total := func(choice string, n int) error {
		_, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Count: n, Choice: choice})
		return err
	}
	must(t, "totals", total("favorevole", 2))
	must(t, "totals again", total("favorevole", 1)) // entered again: replaces, not adds
	must(t, "totals", total("contrario", 1))
	wantErr(t, "totals beyond the seats present", total("astenuto", 1), data.EInvalid, "err.vote.too_many")
	bs, _, err := m.s.Ballots(m.ctx, v.ID)
	must(t, "Ballots", err)
	got := map[string]int{}
	for _, b := range bs {
		got[b.Choice] += b.Count
	}
	if got["favorevole"] != 1 || got["contrario"] != 1 || len(bs) != 2 {
		t.Errorf("totals = %v in %d rows, want 1 favorevole and 1 contrario", got, len(bs))
	}
	_, err = m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Voter: m.seatRossi.ID, Choice: "favorevole"})
	wantErr(t, "SaveBallot(by seat after totals)", err, data.EInvalid, "err.vote.mixed")
}

func TestSecretVoteRefusedWhereItCannotBeCounted(t *testing.T) {
	m := runningMarch(t)
	rules := m.tavolo.Rules
	rules.Weighting = data.WeightDouble
	_, err := m.s.OpenVote(m.ctx, data.Vote{SessionID: m.march.ID, Method: data.MethodMotion, Subject: "x", Secret: true, Rules: rules})
	wantErr(t, "OpenVote(secret, weighted)", err, data.EInvalid, "err.vote.secret_weighted")
	rules = m.tavolo.Rules
	rules.TieBreak = data.TieChair
	_, err = m.s.OpenVote(m.ctx, data.Vote{SessionID: m.march.ID, Method: data.MethodMotion, Subject: "x", Secret: true, Rules: rules})
	wantErr(t, "OpenVote(secret, chair tie-break)", err, data.EInvalid, "err.vote.secret_chair")
}
