from modeltranslation.translator import TranslationOptions, register

from .models import Event, Funding, Goal, Milestone, Project, Result


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "summary", "background", "quote_text", "quote_role")


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("title",)


@register(Result)
class ResultTranslation(TranslationOptions):
    fields = ("text",)


@register(Milestone)
class MilestoneTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Funding)
class FundingTranslation(TranslationOptions):
    fields = ("programme", "funder", "co_funding_note")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "venue", "description")
