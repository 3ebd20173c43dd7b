import type { ElementsFramework } from './framework-shape';

/**
 * Basic Skills Quality Mark (English and mathematics). The descriptors are written for this
 * project in plain English; they describe the idea of each element, not any published wording.
 */
export const BASIC_SKILLS_FRAMEWORK: ElementsFramework = {
	key: 'basic_skills',
	name: 'Basic Skills Quality Mark',
	shortName: 'Basic Skills',
	summary:
		'For schools that take a planned, whole-school approach to raising standards in English and mathematics. Each of ten elements is judged met or not yet met, with evidence of its impact.',
	kind: 'elements',
	elements: [
		{
			key: 'strategy_and_plan',
			label: 'Whole-school strategy and plan',
			metLooksLike:
				'There is a written plan for improving English and mathematics that all staff know about. It sets out the priorities, who leads each one, the time and money set aside, and how success will be judged.'
		},
		{
			key: 'analysis_of_assessment',
			label: 'Analysis of assessment',
			metLooksLike:
				'Leaders study assessment results by year group and by group of pupils, and use what they find to decide where English and mathematics most need to improve.'
		},
		{
			key: 'target_setting',
			label: 'Target setting',
			metLooksLike:
				'Each pupil has stretching but realistic targets in English and mathematics, based on what they can already do. Pupils and families know the targets, and staff check and update them during the year.'
		},
		{
			key: 'planning_and_intervention',
			label: 'Planning and intervention for all groups',
			metLooksLike:
				'Teaching is planned so that every group gets what it needs, including pupils who are behind, disadvantaged pupils, pupils with special educational needs and the most able. Extra help is well timed and shown to make a difference.'
		},
		{
			key: 'review_of_progress',
			label: 'Review of progress',
			metLooksLike:
				'Progress in English and mathematics is reviewed at planned points through the year. When a pupil falls behind, staff act quickly and then check whether the action worked.'
		},
		{
			key: 'staff_skills',
			label: 'Improving staff skills',
			metLooksLike:
				'Teachers and support staff get training in teaching English and mathematics that matches the needs the school has found, and leaders can show how it changed what happens in lessons.'
		},
		{
			key: 'teaching_approaches',
			label: 'Range of teaching approaches',
			metLooksLike:
				'Lessons use a variety of well-chosen methods, such as modelling, guided practice, discussion and practical work, so that pupils with different needs can all take part and learn.'
		},
		{
			key: 'resources',
			label: 'Teaching and learning resources',
			metLooksLike:
				'Books, equipment and digital tools for English and mathematics are suitable, in good order and easy to get at, and staff choose them because they help pupils learn.'
		},
		{
			key: 'parents_and_carers',
			label: 'Involving parents and carers',
			metLooksLike:
				"Families hear how their child is getting on in English and mathematics and get practical ideas for helping at home. The school asks for families' views and can show that they take part."
		},
		{
			key: 'monitoring_the_plan',
			label: 'Monitoring of the plan',
			metLooksLike:
				'Leaders and governors check regularly that the plan is being carried out and is working, and they change it when the evidence says they should.'
		}
	]
};
