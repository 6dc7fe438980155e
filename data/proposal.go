package data

import "strings"

// ProposalKind is what a contribution is.
type ProposalKind string

// Proposal kinds.
const (
	KindPuntoDiForza ProposalKind = "punto_di_forza"
	KindCriticita    ProposalKind = "criticita"
	KindStrategia    ProposalKind = "strategia"
	KindIpotesi      ProposalKind = "ipotesi_progettuale"
)

// ProposalKinds lists the kinds in the order the interface offers them.
var ProposalKinds = []ProposalKind{KindPuntoDiForza, KindCriticita, KindStrategia, KindIpotesi}

// ProposalState is where a proposal is in its life.
type ProposalState string

// Proposal states: proposta -> in_valutazione -> prioritaria -> validata -> approvata -> in_attuazione
// -> realizzata; or respinta, or accorpata into another.
const (
	StateProposta      ProposalState = "proposta"
	StateInValutazione ProposalState = "in_valutazione"
	StatePrioritaria   ProposalState = "prioritaria"
	StateValidata      ProposalState = "validata"
	StateApprovata     ProposalState = "approvata"
	StateInAttuazione  ProposalState = "in_attuazione"
	StateRealizzata    ProposalState = "realizzata"
	StateRespinta      ProposalState = "respinta"
	StateAccorpata     ProposalState = "accorpata"
)

// CostBand is a rough cost of a project idea.
type CostBand string

// Cost bands.
const (
	CostUnknown CostBand = ""
	CostUnder5k CostBand = "lt5k"   // < € 5.000
	Cost5to25k  CostBand = "5k_25k" // € 5.000 – 25.000
	CostOver25k CostBand = "gt25k"  // > € 25.000
)

// TimeBand is a rough duration of a project idea.
type TimeBand string

// Time bands.
const (
	TimeUnknown TimeBand = ""
	Time3to6    TimeBand = "3_6"  // 3–6 months
	Time6to12   TimeBand = "6_12" // 6–12 months
	TimeOver12  TimeBand = "gt12" // more than 12 months
)

// Proposal is a contribution captured at a table: a strength, a critical point, a strategy or a project
// idea, for a welfare area.
type Proposal struct {
	Meta
	SessionID      string        `json:"session_id,omitempty"`
	AgendaItemID   string        `json:"agenda_item_id,omitempty"`
	AreaID         string        `json:"area_id"`
	Kind           ProposalKind  `json:"kind"`
	State          ProposalState `json:"state"`
	Title          string        `json:"title"`
	Text           string        `json:"text"`
	TargetGroup    string        `json:"target_group"`
	ProposerID     string        `json:"proposer_id,omitempty"`     // a person
	OrganisationID string        `json:"organisation_id,omitempty"` // and/or an organisation
	ComuneIDs      []string      `json:"comune_ids,omitempty"`
	Cost           CostBand      `json:"cost"`
	Duration       TimeBand      `json:"duration"`
	MergedIntoID   string        `json:"merged_into_id,omitempty"` // set when accorpata
	SplitFromID    string        `json:"split_from_id,omitempty"`  // the proposal this one was split off
	// Priority is the proposal's place in the district's priority list (1 first), 0 when not in it.
	Priority int `json:"priority,omitempty"`
}

// Validate checks the rules a Proposal must meet.
func (p Proposal) Validate() error {
	if strings.TrimSpace(p.Title) == "" {
		return Errorf(EInvalid, "err.proposal.title_required")
	}
	if p.AreaID == "" {
		return Errorf(EInvalid, "err.proposal.area_required")
	}
	ok := false
	for _, k := range ProposalKinds {
		ok = ok || k == p.Kind
	}
	if !ok {
		return Errorf(EInvalid, "err.proposal.kind", "value", string(p.Kind))
	}
	if !p.State.Valid() {
		return Errorf(EInvalid, "err.proposal.state", "value", string(p.State))
	}
	if p.State == StateAccorpata && p.MergedIntoID == "" {
		return Errorf(EInvalid, "err.proposal.merged_into")
	}
	return nil
}
