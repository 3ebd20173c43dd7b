/** School-to-school support on the server: proposals read from the database. */
export { proposals, type ProposalOptions } from './proposals';
