interface Props {
  /** The input's id: tests and the label use it (`setting-<key>`). */
  id: string;
  label: string;
  description?: string;
  checked: boolean;
  disabled?: boolean;
  /** Why the user cannot change it (an organisation policy, for example); shown under the label. */
  lockedReason?: string;
  onChange(checked: boolean): void;
}

/** One yes/no setting: a labelled checkbox with an optional description and lock notice. */
export function SettingToggle({ id, label, description, checked, disabled = false, lockedReason, onChange }: Props) {
  const describedBy = [description && `${id}-description`, lockedReason && `${id}-locked`].filter(Boolean).join(' ');
  const inactive = disabled || Boolean(lockedReason);
  return (
    <div class="setting" data-setting={id} data-disabled={String(inactive)}>
      <input
        type="checkbox"
        id={id}
        checked={checked}
        disabled={inactive}
        aria-describedby={describedBy || undefined}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <label for={id}>{label}</label>
      {description && (
        <p class="setting-description" id={`${id}-description`}>
          {description}
        </p>
      )}
      {lockedReason && (
        <p class="setting-locked" id={`${id}-locked`}>
          {lockedReason}
        </p>
      )}
    </div>
  );
}
