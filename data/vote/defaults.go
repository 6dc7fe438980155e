package vote

import (
	"math"

	"github.com/tavoli/tavoli/data"
)

// Limits on the numbers of a count, far above anything a district votes on. They keep every sum the
// tally makes inside int64, and the seats the quorum lists (one per ballot when no voters are listed)
// within a few megabytes.
const (
	maxNumber = 100_000       // ballots in all, seats, allowances, bounds of the scale, criterion weights
	maxWeight = 1_000_000_000 // a seat's weight: a comune's population
	// Schulze keeps two n×n matrices and takes n³ steps; criteria scoring keeps options × criteria sums.
	maxOptions  = 1_000
	maxCriteria = 100
)

// Default allowances of the ballot-file format.
const (
	defaultDots     = 5
	defaultPoints   = 100
	defaultScaleMin = 1
	defaultScaleMax = 5
)

// withDefaults checks c and returns it with every default filled in: the rules, the voters' and the
// criteria's weights. Zero values mean "not given". The slices c shares with its caller are copied
// before they change.
func (c Count) withDefaults() (Count, error) {
	switch c.Method {
	case data.MethodMotion, data.MethodDots, data.MethodPoints, data.MethodBorda, data.MethodSchulze,
		data.MethodScore, data.MethodApproval:
	case "":
		return c, data.Errorf(data.EInvalid, "err.tally.method_missing")
	default:
		return c, data.Errorf(data.EInvalid, "err.tally.method", "value", string(c.Method))
	}
	if err := c.checkOptions(); err != nil {
		return c, err
	}
	var err error
	if c.Criteria, err = c.criteria(); err != nil {
		return c, err
	}
	if c.Voters, err = c.voters(); err != nil {
		return c, err
	}
	if c.Rules, err = c.rules(); err != nil {
		return c, err
	}
	papers := 0
	for i, b := range c.Ballots {
		if b.Count < 0 || b.Count > maxNumber {
			return c, data.Errorf(data.EInvalid, "err.tally.count", "n", i+1, "value", b.Count)
		}
		if papers += max(b.Count, 1); papers > maxNumber {
			return c, data.Errorf(data.EInvalid, "err.tally.too_many")
		}
	}
	return c, nil
}

// checkOptions checks that every method but the motion has options, each with its own id.
func (c Count) checkOptions() error {
	if c.Method == data.MethodMotion {
		return nil
	}
	if len(c.Options) == 0 {
		return data.Errorf(data.EInvalid, "err.tally.options_missing", "method", string(c.Method))
	}
	if len(c.Options) > maxOptions {
		return data.Errorf(data.EInvalid, "err.tally.too_many_options", "n", len(c.Options))
	}
	seen := make(map[string]bool, len(c.Options))
	for i, o := range c.Options {
		if o.ID == "" {
			return data.Errorf(data.EInvalid, "err.tally.option_id", "n", i+1)
		}
		if seen[o.ID] {
			return data.Errorf(data.EInvalid, "err.tally.option_repeated", "id", o.ID)
		}
		seen[o.ID] = true
	}
	return nil
}

// criteria checks the criteria of a criteria-scoring vote and gives each its weight (1 when not given).
// Other methods ignore criteria.
func (c Count) criteria() ([]Criterion, error) {
	if c.Method != data.MethodScore {
		return c.Criteria, nil
	}
	if len(c.Criteria) == 0 {
		return nil, data.Errorf(data.EInvalid, "err.tally.criteria_missing")
	}
	if len(c.Criteria) > maxCriteria {
		return nil, data.Errorf(data.EInvalid, "err.tally.too_many_criteria", "n", len(c.Criteria))
	}
	out := make([]Criterion, len(c.Criteria))
	seen := make(map[string]bool, len(c.Criteria))
	for i, k := range c.Criteria {
		switch {
		case k.ID == "":
			return nil, data.Errorf(data.EInvalid, "err.tally.criterion_id", "n", i+1)
		case seen[k.ID]:
			return nil, data.Errorf(data.EInvalid, "err.tally.criterion_repeated", "id", k.ID)
		case math.IsNaN(k.Weight) || k.Weight < 0 || k.Weight > maxNumber:
			return nil, data.Errorf(data.EInvalid, "err.tally.criterion_weight", "id", k.ID, "value", k.Weight)
		case k.Weight == 0:
			k.Weight = 1
		}
		seen[k.ID] = true
		out[i] = k
	}
	return out, nil
}

// voters checks the seats and gives each its weight (1 when not given).
func (c Count) voters() ([]Voter, error) {
	if c.Voters == nil {
		return nil, nil
	}
	out := make([]Voter, len(c.Voters))
	seen := make(map[string]bool, len(c.Voters))
	for i, v := range c.Voters {
		switch {
		case v.ID == "":
			return nil, data.Errorf(data.EInvalid, "err.tally.voter_id", "n", i+1)
		case seen[v.ID]:
			return nil, data.Errorf(data.EInvalid, "err.tally.voter_repeated", "id", v.ID)
		case v.Weight < 0 || v.Weight > maxWeight:
			return nil, data.Errorf(data.EInvalid, "err.tally.voter_weight", "id", v.ID, "value", v.Weight)
		case v.Weight == 0:
			v.Weight = 1
		}
		seen[v.ID] = true
		out[i] = v
	}
	return out, nil
}

// rules checks the rules and fills in the defaults. Members and Present are left for the tally, which
// needs the ballots to work them out when no voters are listed.
func (c Count) rules() (Rules, error) {
	r := c.Rules
	bad := func(rule string, value any) error {
		return data.Errorf(data.EInvalid, "err.tally.rule", "rule", rule, "value", value)
	}
	switch r.Quorum.Kind {
	case "":
		r.Quorum = data.Quorum{Kind: data.QuorumHalfPlusOne}
	case data.QuorumNone, data.QuorumHalfPlusOne, data.QuorumOneThird:
	case data.QuorumNumber:
		if r.Quorum.N < 0 || r.Quorum.N > maxWeight {
			return r, bad("quorum", r.Quorum.N)
		}
	default:
		return r, bad("quorum", string(r.Quorum.Kind))
	}
	if r.MajorityBase == "" {
		r.MajorityBase = data.BaseVotanti
	}
	if r.Threshold == "" {
		r.Threshold = data.ThresholdSimple
	}
	if r.Weighting == "" {
		r.Weighting = data.WeightHead
	}
	switch {
	case !r.MajorityBase.Valid():
		return r, bad("majority_base", string(r.MajorityBase))
	case !r.Threshold.Valid():
		return r, bad("threshold", string(r.Threshold))
	case !r.Weighting.Valid():
		return r, bad("weighting", string(r.Weighting))
	}
	switch r.TieBreak {
	case "":
		r.TieBreak = data.TieNone
	case data.TieNone, data.TieChair:
	case data.TieLot:
		if r.Seed == nil {
			return r, data.Errorf(data.EInvalid, "err.tally.seed_missing")
		}
	default:
		return r, bad("tie_break", string(r.TieBreak))
	}
	for _, n := range []struct {
		rule  string
		value *int
		def   int
	}{
		{"members", &r.Members, 0},
		{"present", &r.Present, 0},
		{"dots_per_voter", &r.DotsPerVoter, defaultDots},
		{"points_per_voter", &r.PointsPerVoter, defaultPoints},
		{"max_per_option", &r.MaxPerOption, 0},
	} {
		if *n.value < 0 || *n.value > maxNumber {
			return r, bad(n.rule, *n.value)
		}
		if *n.value == 0 {
			*n.value = n.def
		}
	}
	if r.MaxPerOption == 0 {
		// Without a maximum per option a voter may put every dot on one option.
		r.MaxPerOption = r.DotsPerVoter
	}
	if r.ScaleMin == 0 && r.ScaleMax == 0 {
		r.ScaleMin, r.ScaleMax = defaultScaleMin, defaultScaleMax
	}
	if r.ScaleMin >= r.ScaleMax || r.ScaleMin < -maxNumber || r.ScaleMax > maxNumber {
		return r, data.Errorf(data.EInvalid, "err.tally.scale", "min", r.ScaleMin, "max", r.ScaleMax)
	}
	if r.Members != 0 && r.Members < len(c.Voters) {
		return r, data.Errorf(data.EInvalid, "err.tally.members", "members", r.Members, "voters", len(c.Voters))
	}
	if len(c.Voters) == 0 && r.Members != 0 && r.Present > r.Members {
		return r, data.Errorf(data.EInvalid, "err.tally.present", "present", r.Present, "members", r.Members)
	}
	return r, nil
}
