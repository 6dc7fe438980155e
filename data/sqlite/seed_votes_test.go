package sqlite

import (
	"context"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/demo"
)

// TestSeedVotes seeds the demo district and reads its votes back: each vote as the dataset holds it,
// its ballots, and for the secret vote anonymous ballots and the turnout, both with the vote's
// opening time whatever times the dataset gave them.
func TestSeedVotes(t *testing.T) {
	ctx := context.Background()
	ds, err := demo.Trasimeno(1)
	must(t, "demo.Trasimeno", err)
	secret := map[string]bool{}
	for _, v := range ds.Votes {
		secret[v.ID] = v.Secret
	}
	// Times a secret vote's records must not keep: they could tell which ballot came when.
	for i, b := range ds.Ballots {
		if secret[b.VoteID] {
			ds.Ballots[i].Created = b.Created.Add(time.Duration(i+1) * time.Minute)
			ds.Ballots[i].Updated = ds.Ballots[i].Created
		}
	}
	for i := range ds.Turnout {
		ds.Turnout[i].Created = ds.Turnout[i].Created.Add(time.Duration(i+1) * time.Second)
	}
	s := openTest(t)
	must(t, "Seed", s.Seed(ctx, ds))

	bySession := map[string][]data.Vote{}
	for _, v := range ds.Votes {
		bySession[v.SessionID] = append(bySession[v.SessionID], v)
	}
	secrets := 0
	for sid, want := range bySession {
		// Votes lists a session's votes in the order they opened.
		sort.SliceStable(want, func(i, j int) bool { return want[i].Opened.Before(want[j].Opened) })
		got, err := s.Votes(ctx, sid)
		must(t, "Votes", err)
		if len(got) != len(want) {
			t.Fatalf("Votes(%s) = %d votes, want %d", sid, len(got), len(want))
		}
		d, err := s.Dossier(ctx, sid)
		must(t, "Dossier", err)
		if len(d.Votes) != len(want) {
			t.Errorf("Dossier(%s).Votes = %d, want %d", sid, len(d.Votes), len(want))
		}
		for i, w := range want {
			g := got[i]
			g.Device, w.Device = "", ""
			if !g.Created.Equal(w.Created) || !g.Updated.Equal(w.Updated) || !g.Opened.Equal(w.Opened) || !g.Closed.Equal(w.Closed) {
				t.Errorf("vote %q read back with times %v %v %v %v, want %v %v %v %v", w.Subject, g.Created, g.Updated,
					g.Opened, g.Closed, w.Created, w.Updated, w.Opened, w.Closed)
			}
			g.Meta, g.Opened, g.Closed = w.Meta, w.Opened, w.Closed
			// The store keeps a vote without options or criteria as empty lists.
			g.Options, g.Criteria = orNil(g.Options), orNil(g.Criteria)
			if !reflect.DeepEqual(g, w) {
				t.Errorf("vote read back as\n%+v\nwant\n%+v", g, w)
			}
			ballots, voted, err := s.Ballots(ctx, w.ID)
			must(t, "Ballots", err)
			var wantBallots []data.VoteBallot
			var wantVoted []string
			for _, b := range ds.Ballots {
				if b.VoteID == w.ID {
					wantBallots = append(wantBallots, b)
				}
			}
			for _, x := range ds.Turnout {
				if x.VoteID == w.ID {
					wantVoted = append(wantVoted, x.SeatID)
				}
			}
			sort.Strings(wantVoted)
			if len(ballots) != len(wantBallots) || !reflect.DeepEqual(voted, wantVoted) {
				t.Errorf("Ballots(%q) = %d ballots, voted %v; want %d, %v", w.Subject, len(ballots), voted, len(wantBallots), wantVoted)
			}
			if len(d.Ballots[w.ID]) != len(wantBallots) || !reflect.DeepEqual(d.Voted[w.ID], voted) {
				t.Errorf("Dossier(%s) ballots of %q = %d, voted %v; want %d, %v", sid, w.Subject, len(d.Ballots[w.ID]),
					d.Voted[w.ID], len(wantBallots), voted)
			}
			byID := map[string]data.VoteBallot{}
			for _, b := range ballots {
				byID[b.ID] = b
			}
			for _, b := range wantBallots {
				g := byID[b.ID]
				if g.Voter != b.Voter || g.Count != b.Count || g.Choice != b.Choice || !reflect.DeepEqual(g.Allocation, b.Allocation) ||
					!reflect.DeepEqual(g.Ranking, b.Ranking) || !reflect.DeepEqual(g.Scores, b.Scores) ||
					!reflect.DeepEqual(g.Approve, b.Approve) {
					t.Errorf("vote %q: ballot read back as %+v, want %+v", w.Subject, g, b)
				}
				if !w.Secret && (!g.Created.Equal(b.Created) || !g.Updated.Equal(b.Updated)) {
					t.Errorf("vote %q: open ballot at %v, want the dataset's %v", w.Subject, g.Created, b.Created)
				}
			}
			if !w.Secret {
				continue
			}
			secrets++
			// Past the store's own queries: what the file holds.
			opened := fmtTime(w.Opened)
			if n := rowCount(t, s, "vote_ballots", "vote_id = ? AND (voter != '' OR created != ? OR updated != ?)",
				w.ID, opened, opened); n != 0 || len(ballots) == 0 {
				t.Errorf("secret vote %q: %d of %d ballot rows carry a voter or a time other than its opening %s", w.Subject,
					n, len(ballots), opened)
			}
			if n := rowCount(t, s, "vote_voters", "vote_id = ? AND (created != ? OR updated != ?)", w.ID, opened,
				opened); n != 0 || len(voted) == 0 {
				t.Errorf("secret vote %q: %d of %d turnout rows with a time other than its opening %s", w.Subject, n,
					len(voted), opened)
			}
		}
	}
	if secrets == 0 {
		t.Error("the demo seeded no secret vote")
	}
}

// TestSeedVotesChecked seeds votes that break what OpenVote, SaveBallot and MarkVoted enforce: each is
// refused and nothing is written.
func TestSeedVotesChecked(t *testing.T) {
	ctx := context.Background()
	find := func(ds *data.Dataset, secret bool) (int, int) { // a vote and one of its ballots
		for i, v := range ds.Votes {
			for j, b := range ds.Ballots {
				if v.Secret == secret && b.VoteID == v.ID {
					return i, j
				}
			}
		}
		panic("the demo has no such vote")
	}
	for _, tc := range []struct {
		name  string
		spoil func(ds *data.Dataset)
		code  data.Code
		key   string
	}{
		{"motion without a subject", func(ds *data.Dataset) {
			v, _ := find(ds, false)
			ds.Votes[v].Subject = " "
		}, data.EInvalid, "err.vote.subject_required"},
		{"vote in an unknown session", func(ds *data.Dataset) {
			v, _ := find(ds, false)
			ds.Votes[v].SessionID = "00000000-0000-4000-8000-00000000cccc"
		}, data.ENotFound, "err.session.missing"},
		{"vote in a session not held", func(ds *data.Dataset) {
			v, _ := find(ds, false)
			ds.Votes[v].SessionID = ds.Sessions[len(ds.Sessions)-1].ID // convened for 2027
		}, data.EInvalid, "err.session.not_running"},
		{"vote still open in a closed session", func(ds *data.Dataset) {
			v, _ := find(ds, false)
			ds.Votes[v].Status, ds.Votes[v].Closed = data.VoteAperta, time.Time{}
		}, data.EInvalid, "err.session.not_running"},
		{"vote on another session's item", func(ds *data.Dataset) {
			v, _ := find(ds, false)
			ds.Votes[v].AgendaItemID = ds.Agenda[len(ds.Agenda)-1].ID
		}, data.ENotFound, "err.ref.missing"},
		{"vote closed before it opened", func(ds *data.Dataset) {
			v, _ := find(ds, false)
			ds.Votes[v].Closed = ds.Votes[v].Opened.Add(-time.Minute)
		}, data.ECorrupt, "err.db.corrupt"},
		{"option neither a proposal nor a label", func(ds *data.Dataset) {
			for i, v := range ds.Votes {
				if len(v.Options) > 0 {
					ds.Votes[i].Options[0] = data.VoteOption{ID: "00000000-0000-4000-8000-00000000dddd"}
					return
				}
			}
		}, data.ENotFound, "err.ref.missing"},
		{"voter who is no seat of the body", func(ds *data.Dataset) {
			v, _ := find(ds, false)
			ds.Votes[v].Voters[0].ID = ds.Seats[len(ds.Seats)-1].ID
		}, data.EInvalid, "err.vote.voter_unknown"},
		{"ballot of an unknown vote", func(ds *data.Dataset) {
			_, b := find(ds, false)
			ds.Ballots[b].VoteID = "00000000-0000-4000-8000-00000000eeee"
		}, data.ENotFound, "err.vote.missing"},
		{"open ballot of a seat that does not vote", func(ds *data.Dataset) {
			_, b := find(ds, false)
			ds.Ballots[b].Voter = ds.Seats[len(ds.Seats)-1].ID
		}, data.EInvalid, "err.vote.voter_unknown"},
		{"a seat's second ballot", func(ds *data.Dataset) {
			_, b := find(ds, false)
			extra := ds.Ballots[b]
			extra.ID = "00000000-0000-4000-8000-00000000ffff"
			ds.Ballots = append(ds.Ballots, extra)
		}, data.ECorrupt, "err.db.corrupt"},
		{"secret ballot naming its voter", func(ds *data.Dataset) {
			v, b := find(ds, true)
			ds.Ballots[b].Voter = ds.Votes[v].Voters[0].ID
		}, data.EInvalid, "err.vote.secret_voter"},
		{"turnout of an open vote", func(ds *data.Dataset) {
			v, _ := find(ds, false)
			ds.Turnout = append(ds.Turnout, data.VoteTurnout{VoteID: ds.Votes[v].ID, SeatID: ds.Votes[v].Voters[0].ID})
		}, data.EInvalid, "err.vote.not_secret"},
		{"a seat marked twice", func(ds *data.Dataset) {
			extra := ds.Turnout[0]
			extra.ID = "00000000-0000-4000-8000-000000000aaa"
			ds.Turnout = append(ds.Turnout, extra)
		}, data.ECorrupt, "err.db.corrupt"},
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

func orNil[T any](l []T) []T {
	if len(l) == 0 {
		return nil
	}
	return l
}
