package vote_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// priorityCase is a priority vote and the result a test expects of it, written compactly: the ranking
// ("1:B=5 2:A=4"), the winner ("-" for none), whether first place was tied, the tie-break applied
// ("lot 42: B A", "" for none) and the schede nulle ("1×1: reason").
type priorityCase struct {
	name     string
	count    vote.Count
	ranking  string
	winner   string
	tie      bool
	tieBreak string
	invalid  string
}

func tieBreakOf(r vote.Result) string {
	tb := r.TieBreak
	if tb == nil {
		return ""
	}
	s := string(tb.Rule)
	if tb.Seed != nil {
		s += fmt.Sprintf(" %d", *tb.Seed)
	}
	return s + ": " + strings.Join(tb.Order, " ")
}

func runPriority(t *testing.T, method data.VoteMethod, tests []priorityCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.count
			c.Method = method
			if c.Options == nil {
				c.Options = options("A", "B", "C")
			}
			r := mustTally(t, c)
			got := fmt.Sprintf("%s; winner %s; tie %v; tie-break %q; nulle %q", ranking(r), winner(r), r.Tie,
				tieBreakOf(r), invalid(r))
			want := fmt.Sprintf("%s; winner %s; tie %v; tie-break %q; nulle %q", tt.ranking, tt.winner, tt.tie,
				tt.tieBreak, tt.invalid)
			if got != want {
				t.Errorf("Tally(%s) = %s, want %s", file(c), got, want)
			}
			if r.Motion != nil {
				t.Errorf("Tally(%s).Motion = %+v, want nil for a priority vote", file(c), r.Motion)
			}
		})
	}
}

func alloc(voter string, kv ...any) vote.Ballot {
	b := vote.Ballot{Voter: voter, Allocation: map[string]int{}}
	for i := 0; i+1 < len(kv); i += 2 {
		b.Allocation[kv[i].(string)] = kv[i+1].(int)
	}
	return b
}

func TestDots(t *testing.T) {
	r := vote.Rules{DotsPerVoter: 5, MaxPerOption: 3}
	voters := seatsOf(4, 5)
	tests := []priorityCase{
		{name: "spending less is fine, a blank ballot too", count: vote.Count{Voters: voters, Rules: r, Ballots: []vote.Ballot{
			alloc("v1", "A", 3, "B", 2), alloc("v2", "B", 3, "C", 2), alloc("v3", "A", 1, "C", 1), alloc("v4")}},
			ranking: "1:B=5 2:A=4 3:C=3", winner: "B"},
		{name: "identical anonymous ballots", count: vote.Count{Rules: r, Ballots: []vote.Ballot{
			{Count: 3, Allocation: map[string]int{"C": 2}}, {Count: 2, Allocation: map[string]int{"A": 3}}}},
			ranking: "1:A=6 1:C=6 3:B=0", winner: "-", tie: true, tieBreak: "none: A C"},
		{name: "every kind of scheda nulla", count: vote.Count{Voters: voters, Rules: r, Ballots: []vote.Ballot{
			alloc("v1", "A", 3, "B", 3),
			alloc("v2", "A", 4),
			alloc("v3", "A", -1, "B", 1),
			alloc("v4", "Z", 1, "A", 1),
			{Count: 2},
			alloc("v5", "A", 1),
			alloc("ospite", "A", 1),
			alloc("v1", "C", 1),
			{Count: 2, Allocation: map[string]int{"C": 1}},
		}},
			ranking: "1:C=2 2:A=0 2:B=0", winner: "C", invalid: "0×1: supera i 5 bollini a disposizione; " +
				"1×1: assegna a «A» più di 3 bollini; " +
				"2×1: assegna a «A» un numero negativo di bollini; " +
				"3×1: l'opzione «Z» non è tra quelle in votazione; " +
				"4×2: la scheda non indica a chi vanno i bollini; " +
				"5×1: il votante «v5» risulta assente; " +
				"6×1: il votante «ospite» non è nell'elenco dei votanti; " +
				"7×1: il votante «v1» ha già votato: vale la prima scheda"},
		{name: "one dot each, one at most", count: vote.Count{Rules: vote.Rules{DotsPerVoter: 1}, Ballots: []vote.Ballot{
			alloc("", "A", 1), alloc("", "A", 1, "B", 1), alloc("", "B", 2)}},
			ranking: "1:A=1 2:B=0 2:C=0", winner: "A", invalid: "1×1: supera l'unico bollino a disposizione; " +
				"2×1: assegna a «B» più di un bollino"},
		{name: "the defaults: 5 dots, all on one option if one likes", count: vote.Count{Ballots: []vote.Ballot{
			alloc("", "B", 5), alloc("", "A", 6)}},
			ranking: "1:B=5 2:A=0 2:C=0", winner: "B", invalid: "1×1: assegna a «A» più di 5 bollini"},
	}
	runPriority(t, data.MethodDots, tests)
}

func TestPoints(t *testing.T) {
	tests := []priorityCase{
		{name: "100 points each", count: vote.Count{Ballots: []vote.Ballot{
			alloc("", "A", 60, "B", 40), alloc("", "A", 100), alloc("", "B", 50, "C", 50), alloc("", "C", 10)}},
			ranking: "1:A=160 2:B=90 3:C=60", winner: "A"},
		{name: "over the allowance, in all or on one option", count: vote.Count{Ballots: []vote.Ballot{
			alloc("", "A", 70, "B", 40), alloc("", "A", 101), alloc("", "B", 1)}},
			ranking: "1:B=1 2:A=0 2:C=0", winner: "B", invalid: "0×1: supera i 100 punti a disposizione; " +
				"1×1: assegna a «A» più di 100 punti"},
		{name: "another allowance", count: vote.Count{Rules: vote.Rules{PointsPerVoter: 10, MaxPerOption: 1}, Ballots: []vote.Ballot{
			alloc("", "A", 7, "B", 3)}},
			ranking: "1:A=7 2:B=3 3:C=0", winner: "A"},
		{name: "no allocation", count: vote.Count{Ballots: []vote.Ballot{{Ranking: []string{"A"}}}},
			ranking: "1:A=0 1:B=0 1:C=0", winner: "-", tie: true, invalid: "0×1: la scheda non indica a chi vanno i punti"},
	}
	runPriority(t, data.MethodPoints, tests)
}

func TestBorda(t *testing.T) {
	four := options("A", "B", "C", "D")
	tests := []priorityCase{
		{name: "partial rankings: unranked options take nothing", count: vote.Count{Options: four, Ballots: []vote.Ballot{
			{Ranking: []string{"A", "B", "C", "D"}}, {Count: 2, Ranking: []string{"B", "A"}}, {Ranking: []string{"D"}}}},
			// A 3+2·2, B 2+3·2, C 1, D 3.
			ranking: "1:B=8 2:A=7 3:D=3 4:C=1", winner: "B"},
		{name: "schede nulle", count: vote.Count{Options: four, Ballots: []vote.Ballot{
			{Ranking: []string{"A", "B", "A"}}, {Ranking: []string{"E", "A"}}, {}, {Ranking: []string{}}, {Ranking: []string{"C"}}}},
			ranking: "1:C=3 2:A=0 2:B=0 2:D=0", winner: "C", invalid: "0×1: l'opzione «A» compare più volte nella graduatoria; " +
				"1×1: l'opzione «E» non è tra quelle in votazione; 2×1: la scheda non contiene una graduatoria"},
	}
	runPriority(t, data.MethodBorda, tests)
}

func TestSchulzePartial(t *testing.T) {
	tests := []priorityCase{
		{name: "unranked options stand below the ranked ones, tied", count: vote.Count{Ballots: []vote.Ballot{
			{Count: 3, Ranking: []string{"A"}}, {Count: 2, Ranking: []string{"B", "C"}}}},
			// d[A,B] = 3 > d[B,A] = 2; d[A,C] = 3 > 2; d[B,C] = 2 > d[C,B] = 0.
			ranking: "1:A=2 2:B=1 3:C=0", winner: "A"},
		{name: "a cycle of three", count: vote.Count{Ballots: []vote.Ballot{
			{Count: 4, Ranking: []string{"A", "B", "C"}}, {Count: 3, Ranking: []string{"B", "C", "A"}},
			{Count: 2, Ranking: []string{"C", "A", "B"}}}},
			// A>B 6:3, B>C 7:2, C>A 5:4. p[A,C] = min(6,7) = 6 > p[C,A] = 5; p[B,A] = min(7,5) = 5 < 6.
			ranking: "1:A=2 2:B=1 3:C=0", winner: "A"},
		{name: "no ballot at all", count: vote.Count{},
			ranking: "1:A=0 1:B=0 1:C=0", winner: "-", tie: true},
	}
	runPriority(t, data.MethodSchulze, tests)
}

func TestApproval(t *testing.T) {
	tests := []priorityCase{
		{name: "any number of options, none too", count: vote.Count{Ballots: []vote.Ballot{
			{Approve: []string{"A", "B"}}, {Approve: []string{"B"}}, {Approve: []string{}}, {Count: 2, Approve: []string{"B", "C"}}}},
			ranking: "1:B=4 2:C=2 3:A=1", winner: "B"},
		{name: "schede nulle", count: vote.Count{Ballots: []vote.Ballot{
			{Approve: []string{"A", "A"}}, {Approve: []string{"Z", "Y"}}, {}, {Approve: []string{""}}, {Approve: []string{"C"}}}},
			ranking: "1:C=1 2:A=0 2:B=0", winner: "C", invalid: "0×1: l'opzione «A» è approvata più volte; " +
				"1×1: l'opzione «Y» non è tra quelle in votazione; 2×1: la scheda non indica le opzioni approvate; " +
				"3×1: l'opzione «» non è tra quelle in votazione"},
	}
	runPriority(t, data.MethodApproval, tests)
}

func scores(kv ...any) map[string]map[string]int {
	out := map[string]map[string]int{}
	for i := 0; i+2 < len(kv); i += 3 {
		o, c, v := kv[i].(string), kv[i+1].(string), kv[i+2].(int)
		if out[o] == nil {
			out[o] = map[string]int{}
		}
		out[o][c] = v
	}
	return out
}

func TestScore(t *testing.T) {
	two := options("A", "B")
	weighted := []vote.Criterion{{ID: "urgenza", Weight: 2}, {ID: "fattibilita", Weight: 1}}
	tests := []priorityCase{
		{name: "the mean over ballots of the weighted means", count: vote.Count{Options: two, Criteria: weighted, Ballots: []vote.Ballot{
			// A: (2·5+2)/3 = 4 and (2·3+3)/3 = 3; B: 4 and (2·2+5)/3 = 3. Both 3.5.
			{Scores: scores("A", "urgenza", 5, "A", "fattibilita", 2, "B", "urgenza", 4, "B", "fattibilita", 4)},
			{Scores: scores("A", "urgenza", 3, "A", "fattibilita", 3, "B", "urgenza", 2, "B", "fattibilita", 5)}}},
			ranking: "1:A=3.5 1:B=3.5", winner: "-", tie: true, tieBreak: "none: A B"},
		{name: "identical ballots count as many times", count: vote.Count{Options: two, Criteria: weighted, Ballots: []vote.Ballot{
			{Count: 3, Scores: scores("A", "urgenza", 5, "A", "fattibilita", 2, "B", "urgenza", 4, "B", "fattibilita", 4)},
			{Scores: scores("A", "urgenza", 3, "A", "fattibilita", 3, "B", "urgenza", 2, "B", "fattibilita", 5)}}},
			// A (3·4+3)/4 = 3.75, B (3·4+3)/4 = 3.75.
			ranking: "1:A=3.75 1:B=3.75", winner: "-", tie: true, tieBreak: "none: A B"},
		{name: "weights of 0.1 and 0.2 tie exactly", count: vote.Count{Options: two,
			Criteria: []vote.Criterion{{ID: "u", Weight: 0.1}, {ID: "f", Weight: 0.2}}, Ballots: []vote.Ballot{
				{Scores: scores("A", "u", 5, "A", "f", 1, "B", "u", 1, "B", "f", 3)}}},
			ranking: "1:A=2.3333333333333335 1:B=2.3333333333333335", winner: "-", tie: true, tieBreak: "none: A B"},
		{name: "unweighted criteria weigh 1; another scale", count: vote.Count{Options: two,
			Criteria: []vote.Criterion{{ID: "u"}, {ID: "f"}}, Rules: vote.Rules{ScaleMin: 0, ScaleMax: 10}, Ballots: []vote.Ballot{
				{Scores: scores("A", "u", 0, "A", "f", 10, "B", "u", 10, "B", "f", 1)}}},
			ranking: "1:B=5.5 2:A=5", winner: "B"},
		{name: "schede nulle", count: vote.Count{Options: two, Criteria: weighted, Ballots: []vote.Ballot{
			{Scores: scores("A", "urgenza", 5, "A", "fattibilita", 2, "B", "urgenza", 4)},
			{Scores: scores("A", "urgenza", 6, "A", "fattibilita", 2, "B", "urgenza", 4, "B", "fattibilita", 4)},
			{Scores: scores("A", "urgenza", 0, "A", "fattibilita", 2, "B", "urgenza", 4, "B", "fattibilita", 4)},
			{Scores: scores("A", "urgenza", 5, "A", "fattibilita", 2, "A", "costo", 1, "B", "urgenza", 4, "B", "fattibilita", 4)},
			{Scores: scores("A", "urgenza", 5, "A", "fattibilita", 2, "B", "urgenza", 4, "B", "fattibilita", 4, "C", "urgenza", 1)},
			{Scores: scores("A", "urgenza", 5, "A", "fattibilita", 2)},
			{},
			{Scores: scores("A", "urgenza", 1, "A", "fattibilita", 1, "B", "urgenza", 2, "B", "fattibilita", 2)},
		}},
			ranking: "1:B=2 2:A=1", winner: "B", invalid: "0×1: manca il punteggio di «B» per «fattibilita»; " +
				"1×1: il punteggio di «A» per «urgenza» è fuori dalla scala da 1 a 5; " +
				"2×1: il punteggio di «A» per «urgenza» è fuori dalla scala da 1 a 5; " +
				"3×1: il criterio «costo» non è tra quelli previsti; " +
				"4×1: l'opzione «C» non è tra quelle in votazione; " +
				"5×1: manca il punteggio di «B» per «urgenza»; " +
				"6×1: la scheda non contiene punteggi"},
	}
	runPriority(t, data.MethodScore, tests)
}

// drawn orders ids as the lot does, worked out here on its own: by the lowercase hex SHA-256 of
// "SEED:ID", lowest first.
func drawn(seed int64, ids ...string) []string {
	key := func(id string) string {
		sum := sha256.Sum256(fmt.Appendf(nil, "%d:%s", seed, id))
		return hex.EncodeToString(sum[:])
	}
	out := slices.Clone(ids)
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(key(a), key(b)) })
	return out
}

func TestDrawnByHand(t *testing.T) {
	// The first hex digits, from sha256sum: 42:A 0950…, 42:B 41b6…, 42:C 6564…; 7:A 0d37…, 7:B b855…,
	// 7:C 7bb5…; -3:A 87ea…, -3:B 14b5…, -3:C 8729….
	for _, tt := range []struct {
		seed int64
		want string
	}{{42, "A B C"}, {7, "A C B"}, {-3, "B C A"}} {
		if got := strings.Join(drawn(tt.seed, "C", "B", "A"), " "); got != tt.want {
			t.Errorf("drawn(%d) = %s, want %s", tt.seed, got, tt.want)
		}
	}
}

func TestTieBreaks(t *testing.T) {
	voters := seatsOf(4, 4)
	// tied has v1 approve A and v3 A, B and C; v4 and the chair v2 approve what they are given (nil
	// leaves the chair without a ballot).
	tied := func(r vote.Rules, v4, v2 []string) vote.Count {
		c := vote.Count{Voters: voters, Rules: r, Ballots: []vote.Ballot{
			{Voter: "v1", Approve: []string{"A"}}, {Voter: "v3", Approve: []string{"A", "B", "C"}}, {Voter: "v4", Approve: v4}}}
		if v2 != nil {
			c.Ballots = append(c.Ballots, vote.Ballot{Voter: "v2", Approve: v2})
		}
		return c
	}
	b, none := []string{"B"}, []string{}
	lot := func(s int64) vote.Rules { return vote.Rules{TieBreak: data.TieLot, Seed: seed(s)} }
	chair := vote.Rules{TieBreak: data.TieChair, Chair: "v2"}
	three := func(r vote.Rules) vote.Count {
		return vote.Count{Rules: r, Ballots: []vote.Ballot{{Approve: []string{"A", "B", "C"}}}}
	}

	var tests []priorityCase
	for _, s := range []int64{42, 7, -3} {
		order := drawn(s, "A", "B", "C")
		tests = append(tests, priorityCase{name: fmt.Sprintf("lot of three, seed %d", s), count: three(lot(s)),
			ranking: fmt.Sprintf("1:%s=1 2:%s=1 3:%s=1", order[0], order[1], order[2]), winner: order[0], tie: true,
			tieBreak: fmt.Sprintf("lot %d: %s", s, strings.Join(order, " "))})
	}
	tests = append(tests,
		priorityCase{name: "none: the tie stays", count: tied(vote.Rules{}, b, none),
			ranking: "1:A=2 1:B=2 3:C=1", winner: "-", tie: true, tieBreak: "none: A B"},
		priorityCase{name: "lot, seed -3: B before A", count: tied(lot(-3), b, none),
			ranking: "1:B=2 2:A=2 3:C=1", winner: "B", tie: true, tieBreak: "lot -3: B A"},
		priorityCase{name: "chair: the chair approved B and not A", count: tied(chair, none, b),
			ranking: "1:B=2 2:A=2 3:C=1", winner: "B", tie: true, tieBreak: "chair: B A"},
		priorityCase{name: "chair: the chair approved both", count: tied(chair, b, []string{"A", "B"}),
			ranking: "1:A=3 1:B=3 3:C=1", winner: "-", tie: true, tieBreak: "chair: A B"},
		priorityCase{name: "chair: the chair approved neither", count: tied(chair, b, none),
			ranking: "1:A=2 1:B=2 3:C=1", winner: "-", tie: true, tieBreak: "chair: A B"},
		priorityCase{name: "chair: the chair cast no ballot", count: tied(chair, b, nil),
			ranking: "1:A=2 1:B=2 3:C=1", winner: "-", tie: true, tieBreak: "chair: A B"},
		priorityCase{name: "chair: the chair's ballot is void", count: tied(chair, b, []string{"Z"}),
			ranking: "1:A=2 1:B=2 3:C=1", winner: "-", tie: true, tieBreak: "chair: A B",
			invalid: "3×1: l'opzione «Z» non è tra quelle in votazione"},
		priorityCase{name: "chair: only anonymous ballots, as in a secret vote", count: vote.Count{
			Rules: chair, Ballots: []vote.Ballot{{Count: 2, Approve: []string{"A", "B"}}}},
			ranking: "1:A=2 1:B=2 3:C=0", winner: "-", tie: true, tieBreak: "chair: A B"},
		priorityCase{name: "a tie for second place is not broken", count: vote.Count{Rules: lot(42), Ballots: []vote.Ballot{
			{Approve: []string{"A", "B", "C"}}, {Approve: []string{"A"}}}},
			ranking: "1:A=2 2:B=1 2:C=1", winner: "A"},
		priorityCase{name: "no valid ballot: no draw makes a winner", count: vote.Count{Rules: lot(42), Ballots: []vote.Ballot{{}}},
			ranking: "1:A=0 1:B=0 1:C=0", winner: "-", tie: true, invalid: "0×1: la scheda non indica le opzioni approvate"},
	)
	runPriority(t, data.MethodApproval, tests)

	// The chair's ballot orders three tied options only in part: A first, B and C still tied.
	runPriority(t, data.MethodDots, []priorityCase{{name: "chair: a partial separation",
		count: vote.Count{Options: options("A", "B", "C", "D"), Voters: voters, Rules: vote.Rules{TieBreak: data.TieChair, Chair: "v2"},
			Ballots: []vote.Ballot{alloc("v2", "A", 2, "B", 1, "C", 1), alloc("v1", "B", 1, "C", 1), alloc("v3", "D", 1)}},
		ranking: "1:A=2 2:B=2 2:C=2 4:D=1", winner: "A", tie: true, tieBreak: "chair: A B C"}})
	// Rankings: higher in the chair's ranking, ranked above unranked.
	runPriority(t, data.MethodBorda, []priorityCase{{name: "chair: the chair's ranking",
		count: vote.Count{Voters: voters, Rules: vote.Rules{TieBreak: data.TieChair, Chair: "v3"},
			Ballots: []vote.Ballot{{Voter: "v1", Ranking: []string{"A", "C", "B"}}, {Voter: "v2", Ranking: []string{"C", "A", "B"}},
				{Voter: "v3", Ranking: []string{"C"}}, {Voter: "v4", Ranking: []string{"A"}}}},
		// A 2+1+0+2 = 5, C 1+2+2+0 = 5, B 0.
		ranking: "1:C=5 2:A=5 3:B=0", winner: "C", tie: true, tieBreak: "chair: C A"}})
	runPriority(t, data.MethodSchulze, []priorityCase{{name: "chair: two Schulze winners",
		count: vote.Count{Options: options("A", "B"), Voters: voters, Rules: vote.Rules{TieBreak: data.TieChair, Chair: "v2"},
			Ballots: []vote.Ballot{{Voter: "v1", Ranking: []string{"A", "B"}}, {Voter: "v2", Ranking: []string{"B", "A"}}}},
		ranking: "1:B=0 2:A=0", winner: "B", tie: true, tieBreak: "chair: B A"}})
	runPriority(t, data.MethodScore, []priorityCase{{name: "chair: the chair's weighted score",
		count: vote.Count{Options: options("A", "B"), Criteria: []vote.Criterion{{ID: "u", Weight: 2}, {ID: "f", Weight: 1}},
			Voters: voters, Rules: vote.Rules{TieBreak: data.TieChair, Chair: "v1"}, Ballots: []vote.Ballot{
				{Voter: "v1", Scores: scores("A", "u", 1, "A", "f", 5, "B", "u", 2, "B", "f", 1)},
				{Voter: "v2", Scores: scores("A", "u", 2, "A", "f", 1, "B", "u", 3, "B", "f", 1)}}},
		// Weighted sums: A 7 and 5, B 5 and 7; both means (12/3)/2 = 2. The chair gave A 7, B 5.
		ranking: "1:A=2 2:B=2", winner: "A", tie: true, tieBreak: "chair: A B"}})
}
