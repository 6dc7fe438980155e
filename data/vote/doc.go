// Package vote works out quorums, majorities and tallies from the rules a body stores as data. It is
// pure: no I/O, no clock. The screens, the documents and the command line all ask it, so a result is
// computed in one place only.
package vote
