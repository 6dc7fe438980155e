package vote_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data/vote"
)

// file writes c as a ballot file, for failure messages: the input as a person would rerun it.
func file(c vote.Count) string {
	b, err := json.Marshal(c)
	if err != nil {
		return fmt.Sprintf("%+v", c)
	}
	return string(b)
}

// mustTally tallies c, failing the test on an error.
func mustTally(t *testing.T, c vote.Count) vote.Result {
	t.Helper()
	r, err := vote.Tally(c)
	if err != nil {
		t.Fatalf("Tally(%s) error %v, want a result", file(c), err)
	}
	return r
}

// seatsOf lists present voters of weight 1 named v1…vn, then absent ones up to members.
func seatsOf(present, members int) []vote.Voter {
	out := make([]vote.Voter, members)
	for i := range out {
		out[i] = vote.Voter{ID: "v" + strconv.Itoa(i+1), Weight: 1, Present: i < present}
	}
	return out
}

// mayors are the eight comuni of the Tavolo dei Sindaci with their approximate populations
// (DOMAIN.md): 56,900 inhabitants, 8 seats. absent names the comuni not present.
func mayors(absent ...string) []vote.Voter {
	pops := []struct {
		id  string
		pop int64
	}{
		{"castiglione", 15150}, {"magione", 14700}, {"pieve", 7500}, {"passignano", 5700},
		{"panicale", 5500}, {"tuoro", 3800}, {"piegaro", 3600}, {"paciano", 950},
	}
	out := make([]vote.Voter, len(pops))
	for i, p := range pops {
		out[i] = vote.Voter{ID: p.id, Weight: p.pop, Present: true}
		for _, a := range absent {
			if a == p.id {
				out[i].Present = false
			}
		}
	}
	return out
}

// choices gives the ballots of the named voters, in turn: voter ids paired with their choice
// ("v1", "favorevole", "v2", "contrario", …).
func choices(pairs ...string) []vote.Ballot {
	var out []vote.Ballot
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, vote.Ballot{Voter: pairs[i], Choice: pairs[i+1]})
	}
	return out
}

// split has the first f voters of seats vote favorevole, the next c contrario, the next a astenuto.
func split(f, c, a int) []vote.Ballot {
	var out []vote.Ballot
	for i := range f + c + a {
		choice := vote.Favorevole
		if i >= f {
			choice = vote.Contrario
		}
		if i >= f+c {
			choice = vote.Astenuto
		}
		out = append(out, vote.Ballot{Voter: "v" + strconv.Itoa(i+1), Choice: choice})
	}
	return out
}

// options are options with the given ids, labelled "Proposta ID".
func options(ids ...string) []vote.Option {
	out := make([]vote.Option, len(ids))
	for i, id := range ids {
		out[i] = vote.Option{ID: id, Label: "Proposta " + id}
	}
	return out
}

// ranking writes a priority result compactly: "A=3 B=2 C=2" with the rank before each option when it
// differs from its position: "1:A=2 1:B=2 3:C=0".
func ranking(r vote.Result) string {
	if r.Priority == nil {
		return "<no ranking>"
	}
	var parts []string
	for _, x := range r.Ranking {
		parts = append(parts, fmt.Sprintf("%d:%s=%s", x.Rank, x.Option, strconv.FormatFloat(x.Score, 'f', -1, 64)))
	}
	return strings.Join(parts, " ")
}

// winner is the winner's id, or "-" for none.
func winner(r vote.Result) string {
	if r.Priority == nil || r.Winner == nil {
		return "-"
	}
	return *r.Winner
}

// invalid writes the schede nulle compactly: "1×2: reason; 4×1: reason".
func invalid(r vote.Result) string {
	var parts []string
	for _, x := range r.Invalid {
		parts = append(parts, fmt.Sprintf("%d×%d: %s", x.Ballot, x.Count, x.Reason))
	}
	return strings.Join(parts, "; ")
}

func seed(n int64) *int64 { return &n }
