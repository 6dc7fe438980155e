package data

import (
	"encoding/json"
	"strconv"
)

// Call is the convocation a session is held under: the quorum differs between the two.
type Call string

// The two calls.
const (
	CallPrima   Call = "prima"
	CallSeconda Call = "seconda"
)

// Valid reports whether c is a known call.
func (c Call) Valid() bool { return c == CallPrima || c == CallSeconda }

// QuorumKind says how the quorum (numero legale) is worked out from the number of seats.
type QuorumKind string

// Quorum kinds, as DOMAIN.md "Rules as data" names them.
const (
	QuorumNone        QuorumKind = "none"          // any number present
	QuorumHalfPlusOne QuorumKind = "half_plus_one" // floor(n/2)+1
	QuorumOneThird    QuorumKind = "one_third"     // ceil(n/3)
	QuorumNumber      QuorumKind = "number"        // a fixed whole number (N)
)

// Quorum is the quorum rule of one call. In JSON it is the kind as a string, or the number itself.
type Quorum struct {
	Kind QuorumKind
	N    int // with QuorumNumber only
}

// Required is how much must be present out of total (seats, or population under that weighting).
func (q Quorum) Required(total int64) int64 {
	switch q.Kind {
	case QuorumHalfPlusOne:
		return total/2 + 1
	case QuorumOneThird:
		return (total + 2) / 3
	case QuorumNumber:
		return int64(q.N)
	default:
		return 0
	}
}

// String gives the rule's code: "half_plus_one", or the number.
func (q Quorum) String() string {
	if q.Kind == QuorumNumber {
		return strconv.Itoa(q.N)
	}
	return string(q.Kind)
}

// ParseQuorum reads a quorum code: none, half_plus_one, one_third or a whole number.
func ParseQuorum(s string) (Quorum, error) {
	switch k := QuorumKind(s); k {
	case QuorumNone, QuorumHalfPlusOne, QuorumOneThird:
		return Quorum{Kind: k}, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return Quorum{}, Errorf(EInvalid, "err.rules.quorum", "value", s)
	}
	return Quorum{Kind: QuorumNumber, N: n}, nil
}

// MarshalJSON writes the code, or the number for a fixed quorum.
func (q Quorum) MarshalJSON() ([]byte, error) {
	if q.Kind == QuorumNumber {
		return json.Marshal(q.N)
	}
	return json.Marshal(string(q.Kind))
}

// UnmarshalJSON accepts a code or a whole number. null is no value and leaves q as it is, as
// json.Unmarshaler asks.
func (q *Quorum) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var n int
	if err := json.Unmarshal(b, &n); err == nil {
		if n < 0 {
			return Errorf(EInvalid, "err.rules.quorum", "value", n)
		}
		*q = Quorum{Kind: QuorumNumber, N: n}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return Errorf(EInvalid, "err.rules.quorum", "value", string(b)).Wrap(err)
	}
	p, err := ParseQuorum(s)
	if err != nil {
		return err
	}
	*q = p
	return nil
}

// Weighting says what a seat weighs, for the quorum and for the majority.
type Weighting string

// Weightings.
const (
	WeightHead       Weighting = "head"       // one seat, one vote
	WeightPopulation Weighting = "population" // each seat weighs its comune's population
	WeightDouble     Weighting = "double"     // the rule must hold both by heads and by population
)

// MajorityBase says what the majority is measured against.
type MajorityBase string

// Majority bases.
const (
	BaseVotanti    MajorityBase = "votanti"    // favorevoli + contrari (+ bianche e nulle: Rules.BlankVotanti)
	BasePresenti   MajorityBase = "presenti"   // present seats, abstainers included
	BaseComponenti MajorityBase = "componenti" // all seats, present or not
)

// Threshold says how many favorevoli a motion needs.
type Threshold string

// Thresholds.
const (
	ThresholdSimple    Threshold = "simple"     // favorevoli > contrari
	ThresholdAbsolute  Threshold = "absolute"   // favorevoli > base / 2
	ThresholdTwoThirds Threshold = "two_thirds" // 3 × favorevoli ≥ 2 × base
)

// TieBreak says how a tie between options of a priority vote is resolved (a tied motion is rejected).
type TieBreak string

// Tie-breaks.
const (
	TieNone  TieBreak = "none"  // reported as a tie
	TieChair TieBreak = "chair" // the chair's own ballot orders the tied options
	TieLot   TieBreak = "lot"   // SHA-256 of "SEED:ID", lowest first, the seed recorded
)

// Rules are a body's decision rules, stored as data: a vote starts from its body's rules and may
// override them.
type Rules struct {
	QuorumPrima   Quorum       `json:"quorum_prima"`
	QuorumSeconda Quorum       `json:"quorum_seconda"`
	Weighting     Weighting    `json:"weighting"`
	MajorityBase  MajorityBase `json:"majority_base"`
	Threshold     Threshold    `json:"threshold"`
	TieBreak      TieBreak     `json:"tie_break"`
	// Proxies is how many seats one person may hold (their own and the ones delegated to them).
	Proxies int `json:"proxies"`
	// SecondCall is how many minutes after the prima convocazione the seconda is called, the same
	// day, when the rules foresee one; 0, a convocation names one call only.
	SecondCall int `json:"second_call_minutes,omitempty"`
	// SpeechLimit is how many minutes one intervention may last; 0, no limit.
	SpeechLimit int `json:"speech_minutes,omitempty"`
	// BlankVotanti counts the schede bianche and nulle of a motion among the votanti, as many statutes
	// ask for secret ballots: whoever hands in a ballot has voted, so a blank one raises the absolute and
	// two-thirds majorities measured on the votanti. Off, the votanti are favorevoli and contrari only.
	BlankVotanti bool `json:"blank_votanti,omitempty"`
}

// QuorumFor returns the quorum rule of the given call.
func (r Rules) QuorumFor(c Call) Quorum {
	if c == CallSeconda {
		return r.QuorumSeconda
	}
	return r.QuorumPrima
}

// Validate checks that every rule is one the program knows.
func (r Rules) Validate() error {
	for _, q := range []Quorum{r.QuorumPrima, r.QuorumSeconda} {
		switch q.Kind {
		case QuorumNone, QuorumHalfPlusOne, QuorumOneThird:
		case QuorumNumber:
			if q.N < 0 {
				return Errorf(EInvalid, "err.rules.quorum", "value", q.N)
			}
		default:
			return Errorf(EInvalid, "err.rules.quorum", "value", string(q.Kind))
		}
	}
	switch {
	case !r.Weighting.Valid():
		return Errorf(EInvalid, "err.rules.weighting", "value", string(r.Weighting))
	case !r.MajorityBase.Valid():
		return Errorf(EInvalid, "err.rules.majority_base", "value", string(r.MajorityBase))
	case !r.Threshold.Valid():
		return Errorf(EInvalid, "err.rules.threshold", "value", string(r.Threshold))
	case !r.TieBreak.Valid():
		return Errorf(EInvalid, "err.rules.tie_break", "value", string(r.TieBreak))
	}
	if r.Proxies < 1 {
		return Errorf(EInvalid, "err.rules.proxies", "value", r.Proxies)
	}
	if r.SecondCall < 0 || r.SecondCall >= 24*60 {
		return Errorf(EInvalid, "err.rules.second_call", "value", r.SecondCall)
	}
	if r.SpeechLimit < 0 || r.SpeechLimit > 240 {
		return Errorf(EInvalid, "err.rules.speech_limit", "value", r.SpeechLimit)
	}
	return nil
}

// DefaultRules are the rules a new body of the given kind starts from. The mayors decide with the
// double rule (heads and population), the other bodies one seat one vote.
func DefaultRules(kind BodyKind) Rules {
	r := Rules{
		QuorumPrima:   Quorum{Kind: QuorumHalfPlusOne},
		QuorumSeconda: Quorum{Kind: QuorumOneThird},
		Weighting:     WeightHead,
		MajorityBase:  BaseVotanti,
		Threshold:     ThresholdSimple,
		TieBreak:      TieNone,
		Proxies:       1,
	}
	switch kind {
	case BodySindaci:
		r.Weighting = WeightDouble
		r.Threshold = ThresholdAbsolute
		r.Proxies = 2
		r.SecondCall = 30
	case BodyTavoloAlto:
		r.SecondCall = 30
	case BodyTavoloTematico, BodyCoprogettazione:
		r.QuorumSeconda = Quorum{Kind: QuorumNone}
	}
	return r
}

// Valid reports whether w is a known weighting.
func (w Weighting) Valid() bool { return w == WeightHead || w == WeightPopulation || w == WeightDouble }

// Valid reports whether b is a known majority base.
func (b MajorityBase) Valid() bool {
	return b == BaseVotanti || b == BasePresenti || b == BaseComponenti
}

// Valid reports whether t is a known threshold.
func (t Threshold) Valid() bool {
	return t == ThresholdSimple || t == ThresholdAbsolute || t == ThresholdTwoThirds
}

// Valid reports whether t is a known tie-break.
func (t TieBreak) Valid() bool { return t == TieNone || t == TieChair || t == TieLot }
