import type { LevelsFramework } from './framework-shape';

/**
 * Professional Development Quality Mark. Every descriptor is written for this project in plain
 * English; they describe the idea of each strand at each level, not any published wording.
 */
export const PROFESSIONAL_DEVELOPMENT_FRAMEWORK: LevelsFramework = {
	key: 'professional_development',
	name: 'Professional Development Quality Mark',
	shortName: 'Professional Development',
	summary:
		'For schools that lead, plan and evaluate the professional development of all their staff well. Each of four aspects is judged on four strands, each at one of three levels.',
	kind: 'levels',
	strandsNeededForAspectLevel: 3,
	levels: [
		{
			key: 'developing',
			label: 'Developing',
			summary: 'The school has made a start. Practice is in place in places but is not yet consistent or secure.'
		},
		{
			key: 'enhancing',
			label: 'Enhancing',
			summary: 'Practice is established across most of the school and is starting to make a visible difference.'
		},
		{
			key: 'embedded',
			label: 'Embedded',
			summary: 'Practice is part of everyday life throughout the school, has lasted over time and is refined in the light of evidence.'
		}
	],
	strands: [
		{
			key: 'vision',
			label: 'Vision',
			summary: 'What the school wants professional development to achieve, and how widely that aim is shared.'
		},
		{
			key: 'culture',
			label: 'Culture',
			summary: 'The attitudes, habits and relationships that shape how staff learn together.'
		},
		{
			key: 'strategy_and_policy',
			label: 'Strategy and policy',
			summary: 'The plans, policies and systems that turn the vision into action.'
		},
		{
			key: 'best_value',
			label: 'Best value',
			summary: 'How well the time and money spent on professional development are used and judged.'
		}
	],
	aspects: [
		{
			key: 'leadership',
			label: 'Leadership of professional development',
			summary: 'How leaders set the direction for staff learning and take responsibility for it.',
			descriptors: {
				vision: {
					developing: 'Senior leaders have begun to say what professional development should achieve for pupils, though not all staff could explain it yet.',
					enhancing: 'Leaders have set out a clear purpose for professional development, tied to school priorities, and most staff can say what it is.',
					embedded: 'A shared purpose for professional development guides decisions at every level, and staff and governors help to shape and review it.'
				},
				culture: {
					developing: 'Leaders encourage staff to take up training, but learning is still seen mainly as going on courses.',
					enhancing: 'Leaders show their own learning openly and expect staff to reflect on and talk about their practice.',
					embedded: 'Everyone, leaders included, is expected to keep learning, and staff feel safe to try new approaches and learn from what does not work.'
				},
				strategy_and_policy: {
					developing: 'A named leader is responsible for professional development and a basic policy exists.',
					enhancing: 'The policy sets out roles, entitlement and how needs are identified, and it is linked to appraisal and the improvement plan.',
					embedded: 'Responsibility is shared by leaders at every level, and the policy is reviewed regularly against evidence of what works.'
				},
				best_value: {
					developing: 'Leaders know roughly how much the school spends on professional development.',
					enhancing: 'Leaders plan the budget and staff time for professional development against school priorities and track the spending.',
					embedded: 'Leaders weigh the cost of each activity against its likely benefit for pupils and use what they learn to guide future spending.'
				}
			}
		},
		{
			key: 'high_quality_pd',
			label: 'High quality professional development',
			summary: 'Whether the learning staff take part in is well designed, sustained and useful in the classroom.',
			descriptors: {
				vision: {
					developing: 'The school is starting to define what good professional development looks like, beyond one-off training days.',
					enhancing: "Staff share an understanding that good professional development is sustained, practical and focused on pupils' learning.",
					embedded: 'A clear, shared picture of effective professional development shapes every activity the school plans or buys in.'
				},
				culture: {
					developing: 'Some staff try out what they have learned, but following it up is left to each person.',
					enhancing: 'Staff routinely try new ideas in class, with time to practise, reflect and get feedback from colleagues.',
					embedded: 'Coaching, peer observation and shared enquiry are normal ways of working, and staff seek out challenge to improve.'
				},
				strategy_and_policy: {
					developing: 'Activities are planned, but mostly in response to whatever need is most pressing at the time.',
					enhancing: 'A planned programme meets school, team and individual needs, uses a mix of approaches and includes support staff.',
					embedded: "The programme is built around each person's stage of career and needs, builds over time, and draws on research and expert input."
				},
				best_value: {
					developing: 'Leaders choose providers and activities but seldom compare the options on quality or cost.',
					enhancing: 'Leaders choose activities by checking their quality, fit with priorities and cost, and make use of expertise already in the school.',
					embedded: 'Leaders reliably secure good development at a sensible cost, share expertise from within, and drop activities that do not deliver.'
				}
			}
		},
		{
			key: 'evaluating_impact',
			label: 'Evaluating the impact of professional development',
			summary: 'How the school finds out what difference staff learning has made, and acts on it.',
			descriptors: {
				vision: {
					developing: 'Leaders accept that professional development should be judged by its effect, not just by whether it took place.',
					enhancing:
						'Staff understand that the aim is a change in practice and in pupil outcomes, and agree what success will look like before an activity starts.',
					embedded: 'Everyone expects to show the difference their learning has made, and this is built into how the school thinks about improvement.'
				},
				culture: {
					developing: 'Staff are asked for their views after training, usually on a feedback form.',
					enhancing: 'Staff talk with colleagues and line managers about how their practice has changed and what effect that has had.',
					embedded: 'Staff gather and share evidence of impact as a matter of course and are open about what has and has not worked.'
				},
				strategy_and_policy: {
					developing: 'There is a simple record of the professional development each member of staff has taken part in.',
					enhancing: "Planned checks at set points look for changes in teaching and in pupils' work, and the findings are reported to leaders.",
					embedded:
						'A consistent approach to evaluation, using several kinds of evidence over time, feeds the improvement plan and the next round of development.'
				},
				best_value: {
					developing: 'Leaders sometimes ask whether an activity was worth the time and money.',
					enhancing: 'What evaluation finds is used to decide whether to continue, change or stop an activity.',
					embedded:
						'Leaders and governors can show what the school gains from its spending on professional development and use this to direct future resources.'
				}
			}
		},
		{
			key: 'collaboration',
			label: 'Collaboration and partnerships',
			summary: 'How the school learns with and from other schools and organisations, and helps them in turn.',
			descriptors: {
				vision: {
					developing: 'The school sees some value in learning from other schools and organisations.',
					enhancing: 'Working with others is part of the plan for professional development, with a clear reason for each partnership.',
					embedded: 'The school sees itself as both learning from and contributing to a wider network, and chooses partnerships that serve its long-term aims.'
				},
				culture: {
					developing: 'A few staff take part in networks or visit other schools.',
					enhancing: 'Staff at different levels regularly work with colleagues in other schools and bring ideas back to share.',
					embedded: "Open, two-way work with other schools, universities and organisations is normal, and the school's own staff lead learning for others."
				},
				strategy_and_policy: {
					developing: 'Partnerships are informal and depend on the contacts of individual staff.',
					enhancing: 'Partnerships have agreed aims, named contacts and planned activities, and are reviewed from time to time.',
					embedded: 'Partnerships are formally agreed, planned and evaluated together, and carry on even when the staff who started them move on.'
				},
				best_value: {
					developing: 'The school has started to share the cost of some training with other schools.',
					enhancing: 'Shared training, pooled expertise and joint funding are used to make the professional development budget go further.',
					embedded: 'Partnerships are judged on what they add for pupils and staff as well as what they save, and effort moves to those that add most.'
				}
			}
		}
	]
};
