package vote_test

import (
	"fmt"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// motionGot is what a motion test compares: the figures, the quorum, the outcome, the schede nulle.
type motionGot struct {
	vote.Sums
	QuorumMet, Approved bool
	Weighted            *vote.Sums
	Outcome             vote.Outcome
	Invalid             string
}

func (m motionGot) String() string {
	s := fmt.Sprintf("%d fav %d contr %d ast, %d votanti %d presenti, quorum %v, approved %v (%s)",
		m.Favorevoli, m.Contrari, m.Astenuti, m.Votanti, m.Presenti, m.QuorumMet, m.Approved, m.Outcome)
	if m.Weighted != nil {
		s += fmt.Sprintf(", weighted %+v", *m.Weighted)
	}
	if m.Invalid != "" {
		s += ", nulle " + m.Invalid
	}
	return s
}

func motionOf(r vote.Result) motionGot {
	if r.Motion == nil {
		return motionGot{Invalid: "<not a motion>"}
	}
	return motionGot{Sums: r.Sums, QuorumMet: r.QuorumMet, Approved: r.Approved, Weighted: r.Weighted,
		Outcome: r.Outcome(), Invalid: invalid(r)}
}

func sums(f, c, a, presenti int64) vote.Sums {
	return vote.Sums{Favorevoli: f, Contrari: c, Astenuti: a, Votanti: f + c, Presenti: presenti}
}

func runMotions(t *testing.T, tests []motionCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.count
			c.Method = data.MethodMotion
			got := motionOf(mustTally(t, c))
			want := tt.want
			if want.Outcome == "" {
				want.Outcome = outcomeOf(want)
			}
			if got.String() != want.String() {
				t.Errorf("Tally(%s) = %v, want %v", file(c), got, want)
			}
		})
	}
}

// outcomeOf is the outcome a test expects when it does not say: approved or rejected.
func outcomeOf(w motionGot) vote.Outcome {
	if w.Approved {
		return vote.OutcomeApproved
	}
	return vote.OutcomeRejected
}

type motionCase struct {
	name  string
	count vote.Count
	want  motionGot
}

// TestMotionMajorities crosses every majority base with every threshold, with abstainers: they are
// present (and count for the presenti and componenti bases) but are not votanti.
func TestMotionMajorities(t *testing.T) {
	rules := func(b data.MajorityBase, th data.Threshold) vote.Rules {
		return vote.Rules{MajorityBase: b, Threshold: th}
	}
	// 10 seats, 8 present: 4 favorevoli, 2 contrari, 2 astenuti.
	four := vote.Count{Voters: seatsOf(8, 10), Ballots: split(4, 2, 2)}
	// 10 seats, 8 present: 5 favorevoli, 1 contrario, 2 astenuti.
	five := vote.Count{Voters: seatsOf(8, 10), Ballots: split(5, 1, 2)}
	// 9 seats, 8 present: 6 favorevoli, 1 contrario, 1 astenuto.
	six := vote.Count{Voters: seatsOf(8, 9), Ballots: split(6, 1, 1)}
	with := func(c vote.Count, r vote.Rules) vote.Count { c.Rules = r; return c }

	tests := []motionCase{}
	for _, x := range []struct {
		count    vote.Count
		base     data.MajorityBase
		th       data.Threshold
		approved bool
		why      string
	}{
		{four, data.BaseVotanti, data.ThresholdSimple, true, "4 > 2"},
		{four, data.BaseVotanti, data.ThresholdAbsolute, true, "4 > 6/2"},
		{four, data.BaseVotanti, data.ThresholdTwoThirds, true, "3×4 ≥ 2×6"},
		{four, data.BasePresenti, data.ThresholdSimple, true, "simple ignores the base"},
		{four, data.BasePresenti, data.ThresholdAbsolute, false, "4 is not > 8/2"},
		{four, data.BasePresenti, data.ThresholdTwoThirds, false, "3×4 < 2×8"},
		{four, data.BaseComponenti, data.ThresholdSimple, true, "simple ignores the base"},
		{four, data.BaseComponenti, data.ThresholdAbsolute, false, "4 is not > 10/2"},
		{four, data.BaseComponenti, data.ThresholdTwoThirds, false, "3×4 < 2×10"},
		{five, data.BaseVotanti, data.ThresholdAbsolute, true, "5 > 6/2"},
		{five, data.BaseVotanti, data.ThresholdTwoThirds, true, "3×5 ≥ 2×6"},
		{five, data.BasePresenti, data.ThresholdAbsolute, true, "5 > 8/2"},
		{five, data.BasePresenti, data.ThresholdTwoThirds, false, "3×5 < 2×8"},
		{five, data.BaseComponenti, data.ThresholdAbsolute, false, "5 is not > 10/2"},
		{five, data.BaseComponenti, data.ThresholdTwoThirds, false, "3×5 < 2×10"},
		{six, data.BasePresenti, data.ThresholdTwoThirds, true, "3×6 ≥ 2×8"},
		{six, data.BaseComponenti, data.ThresholdTwoThirds, true, "3×6 ≥ 2×9, exactly two thirds"},
		{six, data.BaseComponenti, data.ThresholdAbsolute, true, "6 > 9/2"},
	} {
		f, c, a := int64(0), int64(0), int64(0)
		for _, b := range x.count.Ballots {
			switch b.Choice {
			case vote.Favorevole:
				f++
			case vote.Contrario:
				c++
			default:
				a++
			}
		}
		tests = append(tests, motionCase{
			name:  fmt.Sprintf("%d-%d-%d %s %s: %s", f, c, a, x.base, x.th, x.why),
			count: with(x.count, rules(x.base, x.th)),
			want:  motionGot{Sums: sums(f, c, a, 8), QuorumMet: true, Approved: x.approved},
		})
	}
	runMotions(t, tests)
}

// TestMotionTies: as many contrari as favorevoli always rejects, even where the threshold alone
// would pass.
func TestMotionTies(t *testing.T) {
	var tests []motionCase
	for _, base := range []data.MajorityBase{data.BaseVotanti, data.BasePresenti, data.BaseComponenti} {
		for _, th := range []data.Threshold{data.ThresholdSimple, data.ThresholdAbsolute, data.ThresholdTwoThirds} {
			r := vote.Rules{MajorityBase: base, Threshold: th}
			tests = append(tests,
				motionCase{fmt.Sprintf("3-3-2 %s %s", base, th), vote.Count{Voters: seatsOf(8, 8), Rules: r, Ballots: split(3, 3, 2)},
					motionGot{Sums: sums(3, 3, 2, 8), QuorumMet: true, Outcome: vote.OutcomeTied}},
				motionCase{fmt.Sprintf("all abstain %s %s", base, th), vote.Count{Voters: seatsOf(5, 5), Rules: r, Ballots: split(0, 0, 5)},
					motionGot{Sums: sums(0, 0, 5, 5), QuorumMet: true, Outcome: vote.OutcomeTied}},
			)
		}
	}
	tests = append(tests, motionCase{"nobody voted", vote.Count{Voters: seatsOf(5, 5),
		Rules: vote.Rules{Threshold: data.ThresholdTwoThirds}}, motionGot{Sums: sums(0, 0, 0, 5), QuorumMet: true,
		Outcome: vote.OutcomeNoVotes}})
	runMotions(t, tests)
}

// TestMotionQuorum: the quorum counts the seats present, whether they voted or not; without it the
// motion decides nothing.
func TestMotionQuorum(t *testing.T) {
	q := func(s string) data.Quorum {
		p, err := data.ParseQuorum(s)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []motionCase{
		{"half plus one of 8 is 5: 4 present", vote.Count{Voters: seatsOf(4, 8), Ballots: split(4, 0, 0)},
			motionGot{Sums: sums(4, 0, 0, 4), Outcome: vote.OutcomeNoQuorum}},
		{"half plus one of 8 is 5: 5 present, 2 vote", vote.Count{Voters: seatsOf(5, 8), Ballots: split(2, 0, 0)},
			motionGot{Sums: sums(2, 0, 0, 5), QuorumMet: true, Approved: true}},
		{"one third of 8 is 3", vote.Count{Voters: seatsOf(3, 8), Rules: vote.Rules{Quorum: q("one_third")},
			Ballots: split(2, 1, 0)}, motionGot{Sums: sums(2, 1, 0, 3), QuorumMet: true, Approved: true}},
		{"one third of 8 is 3: 2 present", vote.Count{Voters: seatsOf(2, 8), Rules: vote.Rules{Quorum: q("one_third")},
			Ballots: split(2, 0, 0)}, motionGot{Sums: sums(2, 0, 0, 2), Outcome: vote.OutcomeNoQuorum}},
		{"a fixed 6", vote.Count{Voters: seatsOf(5, 8), Rules: vote.Rules{Quorum: q("6")}, Ballots: split(5, 0, 0)},
			motionGot{Sums: sums(5, 0, 0, 5), Outcome: vote.OutcomeNoQuorum}},
		{"none: one present will do", vote.Count{Voters: seatsOf(1, 8), Rules: vote.Rules{Quorum: q("none")},
			Ballots: split(1, 0, 0)}, motionGot{Sums: sums(1, 0, 0, 1), QuorumMet: true, Approved: true}},
		{"members beyond the listed voters are absent seats", vote.Count{Voters: seatsOf(4, 4),
			Rules: vote.Rules{Members: 9}, Ballots: split(4, 0, 0)},
			motionGot{Sums: sums(4, 0, 0, 4), Outcome: vote.OutcomeNoQuorum}},
		{"anonymous papers: each one a seat present", vote.Count{Ballots: []vote.Ballot{
			{Count: 5, Choice: vote.Favorevole}, {Count: 2, Choice: vote.Contrario}, {Count: 1, Choice: vote.Astenuto}}},
			motionGot{Sums: sums(5, 2, 1, 8), QuorumMet: true, Approved: true}},
		{"anonymous papers: a scheda nulla came from a seat present too", vote.Count{Rules: vote.Rules{Members: 11},
			Ballots: []vote.Ballot{{Count: 5, Choice: vote.Favorevole}, {Count: 1, Choice: "forse"}}},
			motionGot{Sums: sums(5, 0, 0, 6), QuorumMet: true, Approved: true,
				Invalid: "1×1: «forse» non è un voto valido: si vota favorevole, contrario o astenuto"}},
		{"anonymous papers of 20 members: 8 are no quorum", vote.Count{Rules: vote.Rules{Members: 20},
			Ballots: []vote.Ballot{{Count: 8, Choice: vote.Favorevole}}},
			motionGot{Sums: sums(8, 0, 0, 8), Outcome: vote.OutcomeNoQuorum}},
		{"anonymous papers with the present given", vote.Count{Rules: vote.Rules{Members: 12, Present: 10,
			MajorityBase: data.BasePresenti, Threshold: data.ThresholdAbsolute},
			Ballots: []vote.Ballot{{Count: 5, Choice: vote.Favorevole}, {Count: 1, Choice: vote.Contrario}}},
			motionGot{Sums: sums(5, 1, 0, 10), QuorumMet: true, Approved: false}},
	}
	runMotions(t, tests)
}

// TestMotionNulle lists every kind of scheda nulla of a motion.
func TestMotionNulle(t *testing.T) {
	tests := []motionCase{
		{"an absent voter", vote.Count{Voters: seatsOf(3, 4), Ballots: choices("v1", "favorevole", "v4", "contrario")},
			motionGot{Sums: sums(1, 0, 0, 3), QuorumMet: true, Approved: true,
				Invalid: "1×1: il votante «v4» risulta assente"}},
		{"a voter not listed", vote.Count{Voters: seatsOf(3, 3), Ballots: choices("v1", "favorevole", "ospite", "contrario")},
			motionGot{Sums: sums(1, 0, 0, 3), QuorumMet: true, Approved: true,
				Invalid: "1×1: il votante «ospite» non è nell'elenco dei votanti"}},
		{"no voters listed: a named ballot is not listed", vote.Count{Ballots: choices("v1", "favorevole")},
			motionGot{Sums: sums(0, 0, 0, 1), QuorumMet: true, Outcome: vote.OutcomeNoVotes,
				Invalid: "0×1: il votante «v1» non è nell'elenco dei votanti"}},
		{"a second ballot: the first counts", vote.Count{Voters: seatsOf(3, 3),
			Ballots: choices("v1", "contrario", "v2", "favorevole", "v1", "favorevole", "v3", "favorevole")},
			motionGot{Sums: sums(2, 1, 0, 3), QuorumMet: true, Approved: true,
				Invalid: "2×1: il votante «v1» ha già votato: vale la prima scheda"}},
		{"a second ballot after a void first", vote.Count{Voters: seatsOf(3, 3),
			Ballots: choices("v1", "sì", "v1", "favorevole", "v2", "favorevole")},
			motionGot{Sums: sums(1, 0, 0, 3), QuorumMet: true, Approved: true,
				Invalid: "0×1: «sì» non è un voto valido: si vota favorevole, contrario o astenuto; " +
					"1×1: il votante «v1» ha già votato: vale la prima scheda"}},
		{"a named ballot standing for three", vote.Count{Voters: seatsOf(3, 3),
			Ballots: []vote.Ballot{{Voter: "v1", Count: 3, Choice: vote.Contrario}, {Voter: "v2", Choice: vote.Favorevole}}},
			motionGot{Sums: sums(1, 0, 0, 3), QuorumMet: true, Approved: true,
				Invalid: "0×3: una scheda con il nome del votante non può valere per 3 schede"}},
		{"no choice", vote.Count{Voters: seatsOf(2, 2), Ballots: []vote.Ballot{{Voter: "v1"}, {Voter: "v2", Choice: vote.Favorevole}}},
			motionGot{Sums: sums(1, 0, 0, 2), QuorumMet: true, Approved: true,
				Invalid: "0×1: manca il voto: favorevole, contrario o astenuto"}},
		{"a choice in capitals is not a choice", vote.Count{Voters: seatsOf(2, 2), Ballots: choices("v1", "Favorevole", "v2", "contrario")},
			motionGot{Sums: sums(0, 1, 0, 2), QuorumMet: true,
				Invalid: "0×1: «Favorevole» non è un voto valido: si vota favorevole, contrario o astenuto"}},
		{"a ballot void while reading the file", vote.Count{Voters: seatsOf(2, 2),
			Ballots: []vote.Ballot{{Voter: "v1", Void: "la scheda non è leggibile"}, {Voter: "v2", Choice: vote.Favorevole}}},
			motionGot{Sums: sums(1, 0, 0, 2), QuorumMet: true, Approved: true, Invalid: "0×1: la scheda non è leggibile"}},
	}
	runMotions(t, tests)
}

// TestMotionWeighted: the Tavolo dei Sindaci of the Trasimeno, eight comuni weighed by population.
// Under double weighting a motion needs the majority both by heads and by population.
func TestMotionWeighted(t *testing.T) {
	all := []string{"castiglione", "magione", "pieve", "passignano", "panicale", "tuoro", "piegaro", "paciano"}
	// byLargest has the first f comuni (largest first) vote favorevole and the rest contrario.
	byLargest := func(f int) []vote.Ballot {
		var out []vote.Ballot
		for i, id := range all {
			choice := vote.Contrario
			if i < f {
				choice = vote.Favorevole
			}
			out = append(out, vote.Ballot{Voter: id, Choice: choice})
		}
		return out
	}
	// smallFive has the five smallest comuni (19,550) vote favorevole and the three largest (37,350)
	// contrario.
	smallFive := func() []vote.Ballot {
		out := byLargest(3)
		for i := range out {
			if out[i].Choice == vote.Favorevole {
				out[i].Choice = vote.Contrario
			} else {
				out[i].Choice = vote.Favorevole
			}
		}
		return out
	}()
	// abstainLarge has the two largest comuni abstain, Panicale vote contrario and four favorevole;
	// Paciano is absent.
	abstainLarge := choices("castiglione", "astenuto", "magione", "astenuto", "pieve", "favorevole",
		"passignano", "favorevole", "panicale", "contrario", "tuoro", "favorevole", "piegaro", "favorevole")
	absolute := func(w data.Weighting) vote.Rules {
		return vote.Rules{Weighting: w, Threshold: data.ThresholdAbsolute}
	}
	w := func(f, c, a, presenti int64) *vote.Sums { s := sums(f, c, a, presenti); return &s }
	tests := []motionCase{
		{"five small comuni against the three large: heads", vote.Count{Voters: mayors(), Rules: absolute(data.WeightHead), Ballots: smallFive},
			motionGot{Sums: sums(5, 3, 0, 8), QuorumMet: true, Approved: true}},
		{"five small comuni against the three large: population", vote.Count{Voters: mayors(), Rules: absolute(data.WeightPopulation), Ballots: smallFive},
			motionGot{Sums: sums(5, 3, 0, 8), QuorumMet: true, Weighted: w(19550, 37350, 0, 56900)}},
		{"five small comuni against the three large: double", vote.Count{Voters: mayors(), Rules: absolute(data.WeightDouble), Ballots: smallFive},
			motionGot{Sums: sums(5, 3, 0, 8), QuorumMet: true, Weighted: w(19550, 37350, 0, 56900)}},
		{"Castiglione and Magione against six: population", vote.Count{Voters: mayors(), Rules: absolute(data.WeightPopulation), Ballots: byLargest(2)},
			motionGot{Sums: sums(2, 6, 0, 8), QuorumMet: true, Approved: true, Weighted: w(29850, 27050, 0, 56900)}},
		{"Castiglione and Magione against six: double", vote.Count{Voters: mayors(), Rules: absolute(data.WeightDouble), Ballots: byLargest(2)},
			motionGot{Sums: sums(2, 6, 0, 8), QuorumMet: true, Weighted: w(29850, 27050, 0, 56900)}},
		{"the five largest: double", vote.Count{Voters: mayors(), Rules: absolute(data.WeightDouble), Ballots: byLargest(5)},
			motionGot{Sums: sums(5, 3, 0, 8), QuorumMet: true, Approved: true, Weighted: w(48550, 8350, 0, 56900)}},
		{"abstentions weigh for the present, not for the votanti", vote.Count{Voters: mayors("paciano"),
			Rules:   vote.Rules{Weighting: data.WeightDouble, Threshold: data.ThresholdAbsolute, MajorityBase: data.BasePresenti},
			Ballots: abstainLarge},
			// By heads 4 > 7/2; by population 20,600 ≤ 55,950/2.
			motionGot{Sums: sums(4, 1, 2, 7), QuorumMet: true, Weighted: w(20600, 5500, 29850, 55950)}},
		{"the same by the votanti", vote.Count{Voters: mayors("paciano"),
			Rules:   vote.Rules{Weighting: data.WeightDouble, Threshold: data.ThresholdAbsolute},
			Ballots: abstainLarge},
			// By heads 4 > 5/2; by population 20,600 > 26,100/2.
			motionGot{Sums: sums(4, 1, 2, 7), QuorumMet: true, Approved: true, Weighted: w(20600, 5500, 29850, 55950)}},
		{"componenti by population counts the absent comuni", vote.Count{Voters: mayors("magione", "pieve"),
			Rules: vote.Rules{Weighting: data.WeightPopulation, Threshold: data.ThresholdAbsolute, MajorityBase: data.BaseComponenti},
			Ballots: choices("castiglione", "favorevole", "passignano", "favorevole", "panicale", "favorevole", "tuoro", "favorevole",
				"piegaro", "contrario", "paciano", "contrario")},
			// 15,150+5,700+5,500+3,800 = 30,150 > 56,900/2.
			motionGot{Sums: sums(4, 2, 0, 6), QuorumMet: true, Approved: true, Weighted: w(30150, 4550, 0, 34700)}},
		{"a population quorum without the heads", vote.Count{Voters: mayors("pieve", "passignano", "panicale", "tuoro", "piegaro", "paciano"),
			Rules: absolute(data.WeightPopulation), Ballots: choices("castiglione", "favorevole", "magione", "favorevole")},
			motionGot{Sums: sums(2, 0, 0, 2), QuorumMet: true, Approved: true, Weighted: w(29850, 0, 0, 29850)}},
		{"the double quorum needs the heads too", vote.Count{Voters: mayors("pieve", "passignano", "panicale", "tuoro", "piegaro", "paciano"),
			Rules: absolute(data.WeightDouble), Ballots: choices("castiglione", "favorevole", "magione", "favorevole")},
			motionGot{Sums: sums(2, 0, 0, 2), Weighted: w(29850, 0, 0, 29850), Outcome: vote.OutcomeNoQuorum}},
		{"a population tie rejects", vote.Count{Voters: []vote.Voter{{ID: "a", Weight: 300, Present: true},
			{ID: "b", Weight: 100, Present: true}, {ID: "c", Weight: 200, Present: true}},
			Rules: vote.Rules{Weighting: data.WeightPopulation}, Ballots: choices("a", "contrario", "b", "favorevole", "c", "favorevole")},
			motionGot{Sums: sums(2, 1, 0, 3), QuorumMet: true, Weighted: w(300, 300, 0, 600), Outcome: vote.OutcomeTied}},
		{"anonymous ballots weigh 1", vote.Count{Voters: mayors(), Rules: vote.Rules{Weighting: data.WeightPopulation},
			Ballots: []vote.Ballot{{Count: 3, Choice: vote.Favorevole}, {Voter: "paciano", Choice: vote.Contrario}}},
			motionGot{Sums: sums(3, 1, 0, 8), QuorumMet: true, Weighted: w(3, 950, 0, 56900)}},
	}
	runMotions(t, tests)
}

// TestMotionResultRules: the result carries the rules applied, defaults filled in.
func TestMotionResultRules(t *testing.T) {
	r := mustTally(t, vote.Count{Method: data.MethodMotion, Voters: seatsOf(3, 5), Ballots: split(2, 1, 0)})
	want := vote.Rules{Members: 5, Present: 3, Quorum: data.Quorum{Kind: data.QuorumHalfPlusOne},
		MajorityBase: data.BaseVotanti, Threshold: data.ThresholdSimple, Weighting: data.WeightHead,
		DotsPerVoter: 5, MaxPerOption: 5, PointsPerVoter: 100, ScaleMin: 1, ScaleMax: 5, TieBreak: data.TieNone}
	if fmt.Sprintf("%+v", r.Rules) != fmt.Sprintf("%+v", want) {
		t.Errorf("Tally(…).Rules = %+v, want %+v", r.Rules, want)
	}
	if r.Quorum.Required != 3 || r.Quorum.Present != 3 || !r.PassedByHeads {
		t.Errorf("Tally(…).Quorum = %+v, PassedByHeads %v; want 3 required, 3 present, passed", r.Quorum, r.PassedByHeads)
	}
	if r.Priority != nil {
		t.Errorf("Tally(motion).Priority = %+v, want nil", r.Priority)
	}
}
