package data

import "time"

// Weighing is how the consolidation weighs the votes a proposal appeared in.
type Weighing string

// Weighings.
const (
	WeighTables Weighing = "tables" // every vote (every table) weighs the same
	WeighVoters Weighing = "voters" // every vote weighs its valid ballots
)

// Valid reports whether w is a known weighing.
func (w Weighing) Valid() bool { return w == WeighTables || w == WeighVoters }

// Participation is what the process involved, counted from the records and never typed: meetings held
// (sessions started, closed or approved), the distinct people present at them, and the proposals.
type Participation struct {
	Meetings   int             `json:"meetings"`
	People     int             `json:"people"`     // distinct people present at least once
	Presences  int             `json:"presences"`  // people present, summed over the meetings
	Bodies     []BodyFigures   `json:"bodies"`     // per body, in the Ambito's order
	Categories []CountOf       `json:"categories"` // distinct people by category
	Comuni     []CountOf       `json:"comuni"`     // distinct people by comune ("" for none or another town)
	Proposals  []AreaProposals `json:"proposals"`  // per area, by kind
}

// BodyFigures counts one body's meetings and the people present at them.
type BodyFigures struct {
	BodyID    string   `json:"body_id"`
	Name      string   `json:"name"`
	Kind      BodyKind `json:"kind"`
	AreaID    string   `json:"area_id,omitempty"`
	AreaName  string   `json:"area,omitempty"`
	Meetings  int      `json:"meetings"`
	People    int      `json:"people"`    // distinct people present
	Presences int      `json:"presences"` // summed over the meetings
}

// CountOf is a count under a key (a category, a comune id) with its label.
type CountOf struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	N     int    `json:"n"`
}

// AreaProposals counts the proposals of one area by kind (merged originals not counted twice: only
// proposals that are not accorpata).
type AreaProposals struct {
	AreaID string               `json:"area_id"`
	Name   string               `json:"area"`
	ByKind map[ProposalKind]int `json:"by_kind"`
	Total  int                  `json:"total"`
}

// Ranked is a proposal with its consolidated score: the mean of its normalised shares over the priority
// votes it appeared in (directly, through proposals merged into it, or through the one it was split
// from). Rank is 1 for the best; equal scores share a rank. Tables names the bodies whose votes count.
type Ranked struct {
	ProposalView
	Score  float64  `json:"score"`
	Rank   int      `json:"rank"`
	Votes  int      `json:"votes"`
	Tables []string `json:"tables"`
}

// SynthesisArea is one area's part of the Documento di sintesi.
type SynthesisArea struct {
	Area       Area           `json:"area"`
	Strengths  []ProposalView `json:"strengths"`  // punti di forza
	Critical   []ProposalView `json:"critical"`   // criticità
	Strategies []ProposalView `json:"strategies"` // strategie
	Ideas      []Ranked       `json:"ideas"`      // ipotesi progettuali, ranked (unvoted ones last, unranked)
}

// Round is a validation vote on the priority list: the body, the session and the vote with its ballots,
// so the document can state the outcome as the verbale does.
type Round struct {
	Body    Body         `json:"body"`
	Session Session      `json:"session"`
	Vote    Vote         `json:"vote"`
	Ballots []VoteBallot `json:"ballots"`
	// Voted lists the seats that voted in a secret vote.
	Voted []string `json:"voted"`
	// Moved is the state the vote took each covered proposal to, by id; a proposal it did not move
	// (already elsewhere, or no decision) is absent.
	Moved map[string]ProposalState `json:"moved,omitempty"`
}

// Synthesis is everything the Documento di sintesi prints, gathered from the store. Documents are pure
// functions of it.
type Synthesis struct {
	Ambito        Ambito          `json:"ambito"`
	Capofila      string          `json:"capofila"`
	AreaID        string          `json:"area_id,omitempty"` // set when the document covers one area only
	Bodies        []Body          `json:"bodies"`
	Participation Participation   `json:"participation"`
	Weighing      Weighing        `json:"weighing"`
	Areas         []SynthesisArea `json:"areas"`
	// Priorities is the district's priority list in the office's order, with their scores.
	Priorities []Ranked `json:"priorities"`
	Rounds     []Round  `json:"rounds"`
	// Changed is the latest change to anything in it: the date the document carries.
	Changed time.Time `json:"changed"`
	// Responsible is who signs the document, given name first: the presidente of the Ufficio di Piano
	// in the registry, or "" when it has none (a line is left to write the name on).
	Responsible string `json:"responsible,omitempty"`
	// ResponsibleGender is what the signature's role agrees with: "La Responsabile".
	ResponsibleGender Gender `json:"responsible_gender,omitempty"`
}
