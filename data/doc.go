// Package data holds Tavoli's domain: the territory (Ambito, Comune, Area), the bodies and their rules,
// the people and organisations who take part, and the meeting nouns (sessions, agenda, attendance,
// minutes, proposals, votes, decisions, actions).
//
// It knows nothing of SQL or widgets. Types validate themselves and return coded errors that the
// interface turns into sentences; the store interfaces at the bottom of this package are what the
// interface needs from a store.
package data
