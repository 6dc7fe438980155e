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
	// Counted lists the votes the score counts, in the order they were held, so that a reader can redo
	// the mean.
	Counted []Counted `json:"counted,omitempty"`
	// A merged proposal scores the best group of its original proposals (merging never punishes an
	// idea). When that group leaves parts out, Left names them, Whole is what every part together
	// would score and SetAside lists the votes of that whole figure, with their shares.
	Left     []string  `json:"left_out,omitempty"`
	Whole    float64   `json:"whole,omitempty"`
	SetAside []Counted `json:"set_aside,omitempty"`
}

// Counted is one priority vote in a proposal's score: where and how it was held, its valid ballots
// (its weight when the office weighs by voters), and the share it gave. Via names the proposals voted
// on, by the titles they had then, when the proposal was not voted under its own name: the parts
// merged into it, or the proposal it was split from.
type Counted struct {
	VoteID   string     `json:"vote_id"`
	BodyName string     `json:"body"`
	Date     time.Time  `json:"date"`
	Method   VoteMethod `json:"method"`
	Valid    int        `json:"valid"`
	Share    float64    `json:"share"`
	Rank     int        `json:"rank"`    // the place the vote gave it, before any tie-break
	Tied     bool       `json:"tied"`    // another proposal shares that place
	Options  int        `json:"options"` // how many proposals the vote ranked
	// Score is what the method counted for it (dots, points, Borda points, approvals, the mean score,
	// Schulze's wins) and Total the same summed over the vote's options; ScaleMin and ScaleMax are a
	// criteria vote's scale (0 and 0 for the default 1–5).
	Score    float64  `json:"score"`
	Total    float64  `json:"total"`
	ScaleMin int      `json:"scale_min,omitempty"`
	ScaleMax int      `json:"scale_max,omitempty"`
	Via      []string `json:"via,omitempty"`
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
	// Private are the people a copy for publication names by initials only (Dossier.Private).
	Private []Private `json:"private,omitempty"`
}

// TableAnswer is what became of the proposals one table made, and why: the Esito delle proposte that the
// facilitator brings back to the table, so that nobody's proposal disappears without an answer.
type TableAnswer struct {
	Ambito   Ambito `json:"ambito"`
	Capofila string `json:"capofila"`
	Body     Body   `json:"body"`
	AreaName string `json:"area,omitempty"`
	// Bodies are the Ambito's bodies, to name who validates and who approves.
	Bodies    []Body         `json:"bodies"`
	Proposals []ProposalFate `json:"proposals"` // in the order of the sessions, the latest first
	// Changed is the latest change to any of them, or to the body: the date the document carries.
	Changed time.Time `json:"changed"`
	// Responsible and ResponsibleGender sign for the Ufficio di Piano, as in the Documento di sintesi.
	Responsible       string `json:"responsible,omitempty"`
	ResponsibleGender Gender `json:"responsible_gender,omitempty"`
}

// ProposalFate is one proposal of a table with what became of it: its state and the reason (in the
// view), and for a merged proposal the one it went into.
type ProposalFate struct {
	ProposalView
	Into *ProposalView `json:"into,omitempty"`
}
