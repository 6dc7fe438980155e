package vote

import "github.com/tavoli/tavoli/data"

// CountOf is the count of a vote held in a meeting under a call: its options, criteria, the seats when it opened,
// its rules and settings, and its stored ballots. The meeting screen, the documents and a recount
// from an exported ballot file all tally this same count.
func CountOf(v data.Vote, call data.Call, ballots []data.VoteBallot) Count {
	c := Count{Method: v.Method}
	for _, o := range v.Options {
		c.Options = append(c.Options, Option{ID: o.ID, Label: o.Label})
	}
	for _, k := range v.Criteria {
		c.Criteria = append(c.Criteria, Criterion{ID: k.ID, Weight: k.Weight})
	}
	// A secret vote lists no voters: its ballots are anonymous, and the seats present when it opened
	// are told to the count as a number.
	present := 0
	for _, x := range v.Voters {
		if x.Present {
			present++
		}
		if !v.Secret {
			c.Voters = append(c.Voters, Voter{ID: x.ID, Weight: x.Weight, Present: x.Present})
		}
	}
	seed := v.Settings.Seed
	c.Rules = Rules{Members: len(v.Voters), Quorum: v.Rules.QuorumFor(call), MajorityBase: v.Rules.MajorityBase,
		Threshold: v.Rules.Threshold, Weighting: v.Rules.Weighting, DotsPerVoter: v.Settings.DotsPerVoter,
		MaxPerOption: v.Settings.MaxPerOption, PointsPerVoter: v.Settings.PointsPerVoter,
		ScaleMin: v.Settings.ScaleMin, ScaleMax: v.Settings.ScaleMax, TieBreak: v.Rules.TieBreak, Seed: &seed,
		BlankVotanti: v.Rules.BlankVotanti}
	if !v.Secret {
		c.Rules.Chair = v.Settings.Chair // a secret ballot has no chair's ballot to look at
	}
	if v.Secret {
		c.Rules.Present = present
	}
	// No ballot yet is an empty list, which a ballot file must hold, not a missing one.
	c.Ballots = make([]Ballot, 0, len(ballots))
	for _, b := range ballots {
		c.Ballots = append(c.Ballots, Ballot{Voter: b.Voter, Count: b.Count, Choice: b.Choice,
			Allocation: b.Allocation, Ranking: b.Ranking, Scores: b.Scores, Approve: b.Approve})
	}
	return c
}

// CountRecord is the ballot file of a recorded vote.
func CountRecord(r data.VoteRecord) Count { return CountOf(r.Vote, r.Call, r.Ballots) }
