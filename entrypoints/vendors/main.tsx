import { render } from 'preact';
import { t } from '../../lib/i18n';
import { App } from './App';
import './style.css';

// The language the text is actually in (the messages file that answered), for screen readers.
document.documentElement.lang = t('html_lang');
render(<App />, document.getElementById('app')!);
