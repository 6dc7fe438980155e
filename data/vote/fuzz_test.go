package vote_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// fuzzSeeds are ballot files of every method and rule, valid and broken, for the fuzzer to start from;
// testdata/fuzz/FuzzParseAndTally keeps the inputs it found worth keeping.
var fuzzSeeds = []string{
	issueExample,
	`{"method": "motion", "voters": [{"id": "castiglione", "weight": 15150}, {"id": "magione", "weight": 14700},
	  {"id": "paciano", "weight": 950, "present": false}],
	  "rules": {"quorum": "one_third", "weighting": "double", "majority_base": "componenti", "threshold": "two_thirds"},
	  "ballots": [{"voter": "castiglione", "choice": "favorevole"}, {"voter": "magione", "choice": "astenuto"},
	  {"voter": "paciano", "choice": "contrario"}, {"voter": "magione", "choice": "contrario"}, {"count": 3, "choice": "forse"}]}`,
	`{"method": "motion", "rules": {"members": 20, "present": 12, "quorum": 7}, "ballots": [{"count": 7, "choice": "favorevole"}]}`,
	`{"method": "motion", "voters": [{"id": "a"}, {"id": "b"}, {"id": "c", "present": false}],
	  "rules": {"threshold": "absolute", "blank_votanti": true}, "ballots": [{"voter": "a", "choice": "favorevole"},
	  {"voter": "b"}, {"voter": "c"}, {"voter": "a", "choice": "contrario"}, {"count": 2}]}`,
	`{"method": "points", "options": [{"id": "A"}, {"id": "B"}], "rules": {"points_per_voter": 10},
	  "ballots": [{"allocation": {"A": 7, "B": 3}}, {"allocation": {"A": 2.5}}, {"allocation": {"Z": 1}}]}`,
	`{"method": "borda", "options": [{"id": "A"}, {"id": "B"}, {"id": "C"}], "rules": {"tie_break": "lot", "seed": -9},
	  "ballots": [{"ranking": ["A"]}, {"count": 2, "ranking": ["B", "C", "A"]}, {"ranking": ["C", "C"]}]}`,
	`{"method": "schulze", "options": [{"id": "A"}, {"id": "B"}, {"id": "C"}],
	  "ballots": [{"count": 4, "ranking": ["A", "B", "C"]}, {"count": 3, "ranking": ["B", "C", "A"]}, {"count": 2, "ranking": ["C", "A", "B"]}]}`,
	`{"method": "score", "options": [{"id": "A"}, {"id": "B"}], "criteria": [{"id": "u", "weight": 0.1}, {"id": "f", "weight": 0.2}],
	  "rules": {"scale_min": 0, "scale_max": 10, "tie_break": "chair", "chair": "x"}, "voters": [{"id": "x"}],
	  "ballots": [{"voter": "x", "scores": {"A": {"u": 5, "f": 1}, "B": {"u": 1, "f": 3}}}, {"scores": {"A": {"u": 11}}}]}`,
	`{"method": "approval", "options": [{"id": "A"}, {"id": "B"}], "rules": {"tie_break": "chair", "chair": "v"},
	  "voters": [{"id": "v"}], "ballots": [{"voter": "v", "approve": ["B"]}, {"approve": ["A"]}, {"approve": [""]}, 3, null]}`,
	`{"method": "dots", "options": [{"id": "A"}], "ballots": [{"count": 0}]}`,
	`{"method": "dots", "options": [{"id": "A"}, {"id": "A"}]}`,
	`{"method": "approval", "options": [{"id": "A"}], "rules": {"tie_break": "lot"}}`,
	`[]`, `{`, ``,
	`{"method": "motion", "rules": {"treshold": "two_thirds"}, "ballots": []}`,
	`{"method": "score", "options": [{"id": "A"}, {"id": "B"}], "criteria": [{"id": "u", "weight": 0.1}, {"id": "f", "weight": 0.2},
	  {"id": "g", "weight": 0.3}], "rules": {"scale_min": 0}, "ballots": [{"scores": {"A": {"u": 3, "f": 3, "g": 0}, "B": {"g": 3}}}]}`,
	`{"method": "dots", "options": [{"id": "A"}], "rules": {"weighting": "population"}, "ballots": [{"count": "2"}]}`,
	"{\"method\": \"dots\", \"options\": [{\"id\": \"Citt\xe0\"}], \"ballots\": []}",
}

// FuzzParseAndTally: whatever the bytes, ParseFile either refuses them with a coded error or gives a
// count that Tally counts without error; no input makes either panic. The result keeps its
// invariants, and a count written back to a file reads back as the same count and recounts the same.
func FuzzParseAndTally(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := vote.ParseFile(b)
		if err != nil {
			if e := data.AsError(err); e == nil || e.Code != data.EInvalid ||
				!strings.HasPrefix(e.Key, "err.tally.") && e.Key != "err.vote.weighted_anonymous" {
				t.Fatalf("ParseFile(%q) error %v, want an EInvalid err.tally.* error", b, err)
			}
			return
		}
		r, err := vote.Tally(c)
		if err != nil {
			t.Fatalf("Tally(ParseFile(%q)) error %v, want a result for a count ParseFile accepted", b, err)
		}
		checkInvariants(t, c, r)
		for _, x := range c.Ballots {
			if x.Void != "" {
				return // the reason read from the file is not written back to one
			}
		}
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("json.Marshal(ParseFile(%q)) error %v", b, err)
		}
		back, err := vote.ParseFile(out)
		if err != nil {
			t.Fatalf("ParseFile(%s), written back from %q, error %v", out, b, err)
		}
		if !reflect.DeepEqual(back, c) {
			t.Fatalf("ParseFile(%s) = %s, want the count it was written from, %s (from %q)", out, file(back), file(c), b)
		}
		if again, err := vote.Tally(back); err != nil || !reflect.DeepEqual(again, r) {
			t.Fatalf("Tally(%s) = %+v, %v; want %+v as from %q", out, again, err, r, b)
		}
	})
}

// checkInvariants checks what every result must hold, whatever the count.
func checkInvariants(t *testing.T, c vote.Count, r vote.Result) {
	t.Helper()
	if _, err := json.Marshal(r); err != nil {
		t.Fatalf("json.Marshal(Tally(%s)) error %v", file(c), err)
	}
	papers, counted := 0, r.Valid
	for _, b := range c.Ballots {
		papers += max(b.Count, 1)
	}
	for _, x := range r.Invalid {
		counted += x.Count
		if x.Reason == "" || x.Ballot < 0 || x.Ballot >= len(c.Ballots) {
			t.Fatalf("Tally(%s) lists scheda nulla %+v", file(c), x)
		}
	}
	if r.Invalid == nil || counted != papers {
		t.Fatalf("Tally(%s) = %d valid and nulle %v, want them to add up to the %d ballots", file(c), r.Valid, r.Invalid, papers)
	}
	if (r.Motion == nil) == (r.Priority == nil) {
		t.Fatalf("Tally(%s) = motion %v, priority %v; want exactly one", file(c), r.Motion, r.Priority)
	}
	if m := r.Motion; m != nil {
		// Under blank_votanti the votanti add some of the schede nulle: at most all of them.
		blank := m.Votanti - m.Favorevoli - m.Contrari
		if !r.Rules.BlankVotanti && blank != 0 || blank < 0 || blank > int64(counted-r.Valid) ||
			m.Approved && (!m.QuorumMet || m.Favorevoli <= m.Contrari) {
			t.Fatalf("Tally(%s) = %+v, want votanti = favorevoli + contrari (+ schede nulle under blank_votanti) "+
				"and no approval without quorum or majority", file(c), *m)
		}
		return
	}
	if len(r.Ranking) != len(c.Options) || r.Ranking[0].Rank != 1 {
		t.Fatalf("Tally(%s) ranking %v, want every option, the first ranked 1", file(c), r.Ranking)
	}
	for i := 1; i < len(r.Ranking); i++ {
		x, prev := r.Ranking[i], r.Ranking[i-1]
		if x.Rank != prev.Rank && x.Rank != i+1 {
			t.Fatalf("Tally(%s) ranking %v: rank %d at place %d", file(c), r.Ranking, x.Rank, i+1)
		}
	}
	if r.Winner != nil && (*r.Winner != r.Ranking[0].Option || len(r.Ranking) > 1 && r.Ranking[1].Rank == 1) {
		t.Fatalf("Tally(%s) winner %s with ranking %v", file(c), *r.Winner, r.Ranking)
	}
	if r.Winner == nil && r.Valid > 0 && (len(r.Ranking) == 1 || r.Ranking[1].Rank != 1) {
		t.Fatalf("Tally(%s) has no winner with ranking %v", file(c), r.Ranking)
	}
}
